/*---
description: >
  A fetch response body streams from the network (Fetch §4.6 "HTTP-network
  fetch" enqueues bytes as they arrive): /chunked?chunks=3&size=16&delay_ms=300
  sends its first chunk at once and the others 300 ms apart, so the first
  read returns exactly the first chunk, 16 'a's, on its own; the next reads
  return the 'b' and 'c' chunks in order, then done. bodyUsed turns true
  with the first read. Expected values from node v20.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function repeat(ch, n) {
  var s = "";
  for (var i = 0; i < n; i++) s += ch;
  return s;
}

asyncTest(async function () {
  var res = await fetch(FIXTURE.http + "/chunked?chunks=3&size=16&delay_ms=300");
  assert.sameValue(res.bodyUsed, false);
  var body = res.body;
  assert(body instanceof ReadableStream, "a fetch body is a ReadableStream");
  assert.sameValue(res.body, body, "the same stream each time");
  var reader = body.getReader();
  var dec = new TextDecoder();
  var first = await reader.read();
  assert.sameValue(first.done, false);
  assert(first.value instanceof Uint8Array, "a Uint8Array chunk");
  assert.sameValue(dec.decode(first.value), repeat("a", 16), "the first read is exactly the first chunk");
  assert.sameValue(res.bodyUsed, true, "used after a read");
  var text = "";
  for (;;) {
    var step = await reader.read();
    if (step.done) break;
    text += dec.decode(step.value);
  }
  assert.sameValue(text, repeat("b", 16) + repeat("c", 16), "the other chunks, in order");
  await assert.throwsAsync(TypeError, function () { return res.text(); }, "the body is used");
});
