/*---
description: >
  A Location is resolved against the URL of the response that carries it
  (Fetch §3.1.6 "location URL"): path-absolute, relative to the current
  path, query-only and absolute (another origin too) all work. After
  following, response.redirected is true and response.url is the final
  URL; a 3xx without Location is returned as it is (§4.4 step 3), and a
  Location that is not an HTTP(S) URL is a network error (TypeError).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function follow(to) {
  var res = await fetch(FIXTURE.http + "/redirect?status=302&to=" + encodeURIComponent(to));
  var echo = await res.json();
  return { res: res, echo: echo };
}

asyncTest(async function () {
  var abs = await follow("/echo?kind=path-absolute");
  assert.sameValue(abs.echo.url, "/echo?kind=path-absolute");
  assert.sameValue(abs.res.url, FIXTURE.http + "/echo?kind=path-absolute");
  assert.sameValue(abs.res.redirected, true);

  var rel = await follow("echo?kind=relative");
  assert.sameValue(rel.echo.url, "/echo?kind=relative", "relative to /redirect");
  assert.sameValue(rel.res.url, FIXTURE.http + "/echo?kind=relative");

  var full = await follow(FIXTURE.http + "/echo?kind=absolute");
  assert.sameValue(full.echo.url, "/echo?kind=absolute");
  assert.sameValue(full.res.url, FIXTURE.http + "/echo?kind=absolute");

  var other = await follow(FIXTURE.https + "/echo?kind=cross-origin");
  assert.sameValue(other.echo.url, "/echo?kind=cross-origin");
  assert.sameValue(other.res.url, FIXTURE.https + "/echo?kind=cross-origin", "followed to the HTTPS origin");
  assert.sameValue(other.res.redirected, true);

  var dotted = await follow("./sub/../echo?kind=dots");
  assert.sameValue(dotted.echo.url, "/echo?kind=dots", "dot segments resolved");

  // Two hops: redirect -> redirect -> echo.
  var twice = await fetch(FIXTURE.http + "/redirect?status=301&to=" +
    encodeURIComponent("/redirect?status=308&to=/echo?hops=2"));
  assert.sameValue(twice.url, FIXTURE.http + "/echo?hops=2");
  assert.sameValue(twice.redirected, true);
  assert.sameValue((await twice.json()).url, "/echo?hops=2");

  // A Location that is not an HTTP(S) URL, or no URL at all, is a network
  // error (§4.4 steps 3 and 6): a TypeError (cause.code is nano-boa's).
  var targets = ["data:,x", "ftp://127.0.0.1/", "http://[bad"];
  for (var i = 0; i < targets.length; i++) {
    var err = await fetch(FIXTURE.http + "/redirect?to=" + encodeURIComponent(targets[i]))
      .then(function () { return null; }, function (e) { return e; });
    assert(err instanceof TypeError, "Location " + targets[i] + ": TypeError, got " + err);
    assert.sameValue(err.cause && err.cause.code, "ERR_INVALID_REDIRECT", "Location " + targets[i] + ": code");
  }

  // A redirect status without Location is an ordinary response.
  var bare = await fetch(FIXTURE.http + "/status?code=302&body=no-location");
  assert.sameValue(bare.status, 302);
  assert.sameValue(bare.redirected, false);
  assert.sameValue(bare.url, FIXTURE.http + "/status?code=302&body=no-location");
  assert.sameValue(await bare.text(), "no-location");
});
