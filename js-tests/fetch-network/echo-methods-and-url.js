/*---
description: >
  fetch() sends the request's method and path-and-query as given: GET,
  POST, PUT, DELETE and PATCH, a lowercase "patch" (Fetch §2.2.1 normalizes
  only DELETE, GET, HEAD, OPTIONS, POST and PUT, so it stays lowercase, as
  node v20 sends it) and a custom token method; the query string keeps its
  percent-encoding and the URL's fragment is never sent. Non-ASCII query
  characters go out percent-encoded; a URL object is a valid input.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var cases = [
    ["GET", undefined, "GET"],
    ["get", undefined, "GET"],
    ["POST", "p", "POST"],
    ["post", "p", "POST"],
    ["PUT", "u", "PUT"],
    ["DELETE", undefined, "DELETE"],
    ["delete", undefined, "DELETE"],
    ["PATCH", "x", "PATCH"],
    ["patch", "x", "patch"],
    ["PROPFIND", undefined, "PROPFIND"],
    ["X-Custom.Method_1", "c", "X-Custom.Method_1"]
  ];
  for (var i = 0; i < cases.length; i++) {
    var init = { method: cases[i][0] };
    if (cases[i][1] !== undefined) init.body = cases[i][1];
    var res = await fetch(FIXTURE.http + "/echo?i=" + i + "&q=a%20b&r=%2F#frag", init);
    assert.sameValue(res.status, 200, cases[i][0] + " status");
    var echo = await res.json();
    assert.sameValue(echo.method, cases[i][2], cases[i][0] + " is sent as " + cases[i][2]);
    assert.sameValue(echo.url, "/echo?i=" + i + "&q=a%20b&r=%2F", cases[i][0] + " path and query, no fragment");
    assert.sameValue(echo.body, cases[i][1] === undefined ? "" : cases[i][1], cases[i][0] + " body");
  }

  // The default method is GET, and URL parsing normalizes the path.
  var plain = await (await fetch(FIXTURE.http + "/a/../echo?x=1")).json();
  assert.sameValue(plain.method, "GET");
  assert.sameValue(plain.url, "/echo?x=1");

  // Non-ASCII in the query is sent percent-encoded as UTF-8 (URL parser);
  // a URL object and any object with a toString() are accepted as input.
  var encoded = await (await fetch(FIXTURE.http + "/echo?q=é ü")).json();
  assert.sameValue(encoded.url, "/echo?q=%C3%A9%20%C3%BC", "query percent-encoded");
  var fromURL = await (await fetch(new URL("/echo?from=url", FIXTURE.http))).json();
  assert.sameValue(fromURL.url, "/echo?from=url", "a URL object");
  var fromObject = await (await fetch({ toString: function () { return FIXTURE.http + "/echo?from=object"; } })).json();
  assert.sameValue(fromObject.url, "/echo?from=object", "an object with toString()");
});
