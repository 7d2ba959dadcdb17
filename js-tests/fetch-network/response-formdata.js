/*---
description: >
  A FormData sent with fetch() and echoed back parses again with
  formData() when the response carries the multipart Content-Type: the
  server's bytes are exactly the encoding.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  fd.append("a", "1");
  fd.append("bin", new Blob([new Uint8Array([0xC3, 0x28, 0, 13])], { type: "a/b" }), "x.bin");
  var echo = await (await fetch(FIXTURE.http + "/echo", { method: "POST", body: fd })).json();
  var raw = atob(echo.bodyBase64);
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  var back = await new Response(bytes, { headers: { "content-type": echoHeader(echo, "content-type") } }).formData();
  assert.sameValue(back.get("a"), "1");
  var f = back.get("bin");
  assert.sameValue(f.name, "x.bin");
  assert.sameValue(f.type, "a/b");
  var got = new Uint8Array(await f.arrayBuffer());
  assert.sameValue(Array.from(got).join(","), "195,40,0,13");
});
