/*---
description: >
  A readable byte stream read with a default reader gives Uint8Arrays with
  the enqueued bytes; enqueue transfers the chunk's buffer (Streams §4.9.5
  ReadableByteStreamControllerEnqueue, TransferArrayBuffer): the caller's
  buffer is detached afterwards.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ type: "bytes", start: function (ctl) { c = ctl; } });
  var chunk = new Uint8Array([1, 2, 3, 4]);
  var view = new Uint16Array(new Uint8Array([5, 6, 7, 8]).buffer, 2, 1);
  c.enqueue(chunk);
  assert.sameValue(chunk.byteLength, 0, "the enqueued buffer is detached");
  assert.sameValue(chunk.buffer.byteLength, 0);
  c.enqueue(view);
  var reader = rs.getReader();
  var r1 = await reader.read();
  assert(r1.value instanceof Uint8Array);
  assert.compareArray(Array.from(r1.value), [1, 2, 3, 4]);
  var r2 = await reader.read();
  assert(r2.value instanceof Uint8Array, "always a Uint8Array for a default reader");
  assert.compareArray(Array.from(r2.value), [7, 8], "the view's bytes only");
  assert.sameValue(r2.value.byteOffset, 2, "over the same (transferred) buffer");
  c.close();
  var r3 = await reader.read();
  assert.sameValue(r3.done, true);
});
