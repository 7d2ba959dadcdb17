/*---
description: >
  Response bodies arrive whole and exact: /bytes?n=100000 (Content-Length)
  gives 100000 bytes where byte i is i % 256; /chunked (Transfer-Encoding:
  chunked, chunks sent 20 ms apart) gives the concatenated chunks with no
  chunk framing and no Content-Length header.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var res = await fetch(FIXTURE.http + "/bytes?n=100000");
  assert.sameValue(res.headers.get("content-length"), "100000");
  assert.sameValue(res.headers.get("content-type"), "application/octet-stream");
  var bytes = new Uint8Array(await res.arrayBuffer());
  assert.sameValue(bytes.length, 100000, "exact length");
  var bad = -1;
  for (var i = 0; i < bytes.length; i++) {
    if (bytes[i] !== i % 256) { bad = i; break; }
  }
  assert.sameValue(bad, -1, "byte i is i % 256");

  var empty = await fetch(FIXTURE.http + "/bytes?n=0");
  assert.sameValue((await empty.arrayBuffer()).byteLength, 0, "an empty body");

  var chunked = await fetch(FIXTURE.http + "/chunked?chunks=5&size=3&delay_ms=20");
  assert.sameValue(chunked.headers.get("transfer-encoding"), "chunked");
  assert.sameValue(chunked.headers.get("content-length"), null);
  assert.sameValue(await chunked.text(), "aaabbbcccdddeee");

  var many = await fetch(FIXTURE.http + "/chunked?chunks=30&size=1000");
  var text = await many.text();
  assert.sameValue(text.length, 30000);
  assert.sameValue(text.charAt(0), "a");
  assert.sameValue(text.charAt(25999), "z");
  assert.sameValue(text.charAt(26000), "a", "chunk 26 wraps to 'a'");
  assert.sameValue(text.charAt(29999), "d");
});
