/*---
description: >
  A same-origin redirect keeps Authorization; a redirect to another origin
  (here http://127.0.0.1 to https://localhost: scheme, host and port all
  differ) drops it (Fetch §4.4 step 13). Cookie and Proxy-Authorization
  are dropped with it, as node v20 (undici) does; other headers are kept.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

var HEADERS = {
  authorization: "Bearer secret",
  cookie: "session=1",
  "proxy-authorization": "Basic cHJveHk=",
  "x-other": "kept"
};

asyncTest(async function () {
  var same = await fetch(FIXTURE.http + "/redirect?status=302&to=/echo", { headers: HEADERS });
  assert.sameValue(same.redirected, true);
  var sameEcho = await same.json();
  assert.sameValue(echoHeader(sameEcho, "authorization"), "Bearer secret", "same origin: Authorization kept");
  assert.sameValue(echoHeader(sameEcho, "cookie"), "session=1", "same origin: Cookie kept");
  assert.sameValue(echoHeader(sameEcho, "x-other"), "kept");

  var cross = await fetch(FIXTURE.http + "/redirect?status=307&to=" +
    encodeURIComponent(FIXTURE.https + "/echo"), { headers: HEADERS });
  assert.sameValue(cross.url, FIXTURE.https + "/echo");
  var crossEcho = await cross.json();
  assert.sameValue(echoHeader(crossEcho, "authorization"), null, "cross origin: Authorization dropped");
  assert.sameValue(echoHeader(crossEcho, "cookie"), null, "cross origin: Cookie dropped");
  assert.sameValue(echoHeader(crossEcho, "proxy-authorization"), null, "cross origin: Proxy-Authorization dropped");
  assert.sameValue(echoHeader(crossEcho, "x-other"), "kept", "cross origin: other headers kept");

  // Going back to the first origin does not bring them back.
  var back = await fetch(FIXTURE.http + "/redirect?to=" + encodeURIComponent(
    FIXTURE.https + "/redirect?to=" + encodeURIComponent(FIXTURE.http + "/echo")), { headers: HEADERS });
  assert.sameValue(back.url, FIXTURE.http + "/echo");
  assert.sameValue(echoHeader(await back.json(), "authorization"), null, "dropped for the rest of the chain");
});
