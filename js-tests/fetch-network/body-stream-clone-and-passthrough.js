/*---
description: >
  clone() of a fetch response tees its streaming body (Fetch §7.4 clone,
  §2.2 "clone a body"): both branches get the full body, read one after
  the other or together. new Response(res.body) passes a network body
  through (Fetch §6.1 extract of a ReadableStream): the new response reads
  every byte, the original is then used, and a binary body (/bytes) is
  intact. Expected values from node v20.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var res = await fetch(FIXTURE.http + "/chunked?chunks=3&size=2&delay_ms=50");
  var copy = res.clone();
  assert.sameValue(copy.status, 200);
  assert.sameValue(copy.headers.get("transfer-encoding"), "chunked");
  assert.sameValue(await res.text(), "aabbcc", "the original, first");
  assert.sameValue(await copy.text(), "aabbcc", "the clone, after");

  var res2 = await fetch(FIXTURE.http + "/chunked?chunks=4&size=3&delay_ms=20");
  var copy2 = res2.clone();
  var both = await Promise.all([copy2.text(), res2.text()]);
  assert.sameValue(both[0], "aaabbbcccddd", "the clone, read together");
  assert.sameValue(both[1], "aaabbbcccddd", "the original, read together");

  var res3 = await fetch(FIXTURE.http + "/chunked?chunks=3&size=2&delay_ms=20");
  var through = new Response(res3.body, { status: 201, headers: { "x-proxy": "1" } });
  assert.sameValue(through.status, 201);
  assert.sameValue(through.body, res3.body, "the same stream");
  assert.sameValue(await through.text(), "aabbcc", "every byte passes through");
  assert.sameValue(res3.bodyUsed, true, "the network response is used by the read");

  var res4 = await fetch(FIXTURE.http + "/bytes?n=70000");
  var bytes = new Uint8Array(await new Response(res4.body).arrayBuffer());
  assert.sameValue(bytes.length, 70000);
  var bad = -1;
  for (var i = 0; i < bytes.length; i++) {
    if (bytes[i] !== i % 256) { bad = i; break; }
  }
  assert.sameValue(bad, -1, "byte i is i % 256");
});
