/*---
description: >
  HTTPS against the fixture CA (trusted through SSL_CERT_FILE, which the
  runner sets): GET and POST work over TLS. A server whose certificate
  chains to an untrusted CA is a network error: a TypeError whose cause
  has code ERR_TLS and whose message names the host (node v20: "fetch
  failed", the cause's code is SELF_SIGNED_CERT_IN_CHAIN or similar).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var res = await fetch(FIXTURE.https + "/echo?tls=1", { method: "POST", body: "secure" });
  assert.sameValue(res.status, 200);
  assert.sameValue(res.url, FIXTURE.https + "/echo?tls=1");
  var echo = await res.json();
  assert.sameValue(echo.method, "POST");
  assert.sameValue(echo.body, "secure");
  var host = null;
  for (var i = 0; i < echo.headers.length; i++) {
    if (echo.headers[i][0] === "host") host = echo.headers[i][1];
  }
  assert.sameValue(host, FIXTURE.https.replace("https://", ""), "Host header");

  var big = await fetch(FIXTURE.https + "/bytes?n=200000");
  var bytes = new Uint8Array(await big.arrayBuffer());
  assert.sameValue(bytes.length, 200000, "a large body over TLS");
  assert.sameValue(bytes[199999], 199999 % 256);

  var err = await fetch(FIXTURE.httpsUntrusted + "/echo")
    .then(function () { return null; }, function (e) { return e; });
  assert(err instanceof TypeError, "untrusted certificate: TypeError, got " + err);
  assert.sameValue(err.cause && err.cause.code, "ERR_TLS");
  assert(err.message.indexOf("localhost") !== -1, "the message names the host: " + err.message);

  // The failure does not poison the trusted listener.
  var after = await fetch(FIXTURE.https + "/status?body=still-fine");
  assert.sameValue(await after.text(), "still-fine");
});
