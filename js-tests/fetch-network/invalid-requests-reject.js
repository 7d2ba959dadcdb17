/*---
description: >
  fetch() always returns a promise: bad arguments reject it with a
  TypeError instead of throwing (Fetch §7.2 runs the Request constructor
  inside the promise). Covered: no argument, an invalid URL, a relative
  URL (there is no base URL outside a document, as in node and deno),
  credentials in the URL, GET and HEAD with a body, a forbidden method,
  an invalid header name, and unsupported schemes (ftp:, file:, about:,
  blob: of nothing), whose message names the scheme (nano-boa's message;
  node v20 says "fetch failed" or "not implemented... yet...").
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function rejectsWithTypeError(thunk, label) {
  var promise;
  try {
    promise = thunk();
  } catch (e) {
    throw new Test262Error(label + ": threw synchronously instead of rejecting: " + e);
  }
  assert(promise instanceof Promise, label + ": fetch() returned a Promise");
  var err = await promise.then(function (v) {
    throw new Test262Error(label + ": expected a rejection, got " + v);
  }, function (e) {
    return e;
  });
  assert(err instanceof TypeError, label + ": rejected with a TypeError, got " + err);
  return err;
}

asyncTest(async function () {
  await rejectsWithTypeError(function () { return fetch(); }, "no argument");
  await rejectsWithTypeError(function () { return fetch("http://[not an address/"); }, "invalid URL");
  await rejectsWithTypeError(function () { return fetch("/echo"); }, "relative URL");
  await rejectsWithTypeError(function () { return fetch("http://user:pass@127.0.0.1/"); }, "credentials in the URL");
  await rejectsWithTypeError(function () { return fetch(FIXTURE.http + "/echo", { body: "x" }); }, "GET with a body");
  await rejectsWithTypeError(function () {
    return fetch(FIXTURE.http + "/echo", { method: "HEAD", body: "x" });
  }, "HEAD with a body");
  await rejectsWithTypeError(function () {
    return fetch(FIXTURE.http + "/echo", { method: "CONNECT" });
  }, "forbidden method");
  await rejectsWithTypeError(function () {
    return fetch(FIXTURE.http + "/echo", { method: "bad method" });
  }, "method that is not a token");
  await rejectsWithTypeError(function () {
    return fetch(FIXTURE.http + "/echo", { headers: { "bad name": "x" } });
  }, "invalid header name");
  await rejectsWithTypeError(function () {
    return fetch(FIXTURE.http + "/echo", { redirect: "sideways" });
  }, "invalid redirect mode");

  // The rejection must not disturb the code around the call: fetch() as
  // an argument, with the error thrown deep inside the Request constructor
  // (an invalid header value), used to break the enclosing call.
  function wrap(label, promise) {
    return promise.then(function () { return label + " fulfilled"; }, function (e) {
      return label + " " + e.constructor.name;
    });
  }
  var wrapped = await Promise.all([
    wrap("value", fetch(FIXTURE.http + "/echo", { headers: { "x-snow": "\u2603" } })),
    wrap("pairs", fetch(FIXTURE.http + "/echo", { headers: [["x-a", "1"], ["x b", "2"]] })),
    wrap("body", fetch(FIXTURE.http + "/echo", { method: "POST", body: "ok", headers: new Headers([["x-c", "3"]]) }))
      .then(function (s) { return s; })
  ]);
  assert.sameValue(wrapped[0], "value TypeError", "invalid header value, fetch() as an argument");
  assert.sameValue(wrapped[1], "pairs TypeError", "invalid header name, fetch() as an argument");
  assert.sameValue(wrapped[2], "body fulfilled", "a valid fetch() among them");

  var schemes = [["ftp://127.0.0.1/file.txt", "ftp"], ["file:///etc/hostname", "file"], ["about:blank", "about"]];
  for (var i = 0; i < schemes.length; i++) {
    var err = await rejectsWithTypeError(function () { return fetch(schemes[i][0]); }, schemes[i][1] + ":");
    assert(err.message.indexOf(schemes[i][1]) !== -1, schemes[i][1] + ": the message names the scheme: " + err.message);
    assert.sameValue(err.cause && err.cause.code, "ERR_UNSUPPORTED_SCHEME", schemes[i][1] + ": code");
  }
});
