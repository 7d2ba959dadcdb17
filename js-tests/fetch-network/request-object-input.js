/*---
description: >
  fetch(request) sends the Request's method, URL, headers and body; the
  Request's body is taken (bodyUsed becomes true, so a second fetch of it
  rejects with a TypeError, as in node v20). fetch(request, init) builds a
  new Request from both (Fetch §5.4): the init's method and body override
  the request's, and init.headers replaces the request's headers entirely.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var req = new Request(FIXTURE.http + "/echo?from=request", {
    method: "POST",
    body: "request body",
    headers: { "x-from": "request" }
  });
  var echo = await (await fetch(req)).json();
  assert.sameValue(echo.method, "POST");
  assert.sameValue(echo.url, "/echo?from=request");
  assert.sameValue(echo.body, "request body");
  assert.sameValue(echoHeader(echo, "x-from"), "request");
  assert.sameValue(echoHeader(echo, "content-type"), "text/plain;charset=UTF-8");
  assert.sameValue(req.bodyUsed, true, "fetch took the request's body");

  var again = await fetch(req).then(function () { return null; }, function (e) { return e; });
  assert(again instanceof TypeError, "a Request whose body was used cannot be fetched again: " + again);

  var req2 = new Request(FIXTURE.http + "/echo", {
    method: "POST",
    body: "original",
    headers: { "x-from": "request", "content-type": "text/x-original" }
  });
  var over = await (await fetch(req2, {
    method: "PUT",
    body: "override",
    headers: { "x-init": "1" }
  })).json();
  assert.sameValue(over.method, "PUT", "init.method overrides");
  assert.sameValue(over.body, "override", "init.body overrides");
  assert.sameValue(echoHeader(over, "x-init"), "1", "init.headers is sent");
  assert.sameValue(echoHeader(over, "x-from"), null, "init.headers replaces the request's headers");
  assert.sameValue(echoHeader(over, "content-type"), "text/plain;charset=UTF-8", "the new body's type");
  assert.sameValue(req2.bodyUsed, false, "the request's body was not used when init.body replaced it");

  // Only the method overridden: the request's body and headers go along.
  var req3 = new Request(FIXTURE.http + "/echo", { method: "POST", body: "kept", headers: { "x-k": "v" } });
  var kept = await (await fetch(req3, { method: "PATCH" })).json();
  assert.sameValue(kept.method, "PATCH");
  assert.sameValue(kept.body, "kept");
  assert.sameValue(echoHeader(kept, "x-k"), "v");

  // A GET Request with init adding a body is a TypeError, rejected.
  var getReq = new Request(FIXTURE.http + "/echo");
  var bad = await fetch(getReq, { body: "x" }).then(function () { return null; }, function (e) { return e; });
  assert(bad instanceof TypeError, "GET with a body rejects with a TypeError");
});
