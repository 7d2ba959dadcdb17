/*---
description: >
  fetch() with a FormData body sends the multipart/form-data encoding with
  the Content-Type "multipart/form-data; boundary=B" (Fetch §6.4
  "extract"); the server receives each part, file bytes exactly.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  fd.append("field", "value 1");
  fd.append("upload", new File([new Uint8Array([0, 255, 13, 10])], "up.bin", { type: "application/x-up" }));
  var res = await fetch(FIXTURE.http + "/echo", { method: "POST", body: fd });
  var echo = await res.json();
  var ct = echoHeader(echo, "content-type");
  var m = /^multipart\/form-data; boundary=(.+)$/.exec(ct);
  assert.notSameValue(m, null, "Content-Type: " + ct);
  var B = m[1];
  var expected =
    "--" + B + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue 1\r\n" +
    "--" + B + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"up.bin\"\r\nContent-Type: application/x-up\r\n\r\n\u0000\u00ff\r\n\r\n" +
    "--" + B + "--\r\n";
  var received = atob(echo.bodyBase64);
  assert.sameValue(received, expected, "the body as the server got it (one char per byte)");
  assert.sameValue(echoHeader(echo, "content-length"), String(received.length));
});
