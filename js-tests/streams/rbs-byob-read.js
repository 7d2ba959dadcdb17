/*---
description: >
  A BYOB reader fills the caller's view from queued bytes: the result is a
  new view of the same type over the transferred buffer (the view passed
  in is detached); several queued chunks fill one view; a partial chunk
  stays queued.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ type: "bytes", start: function (ctl) { c = ctl; } });
  c.enqueue(new Uint8Array([1, 2]));
  c.enqueue(new Uint8Array([3, 4, 5]));
  var reader = rs.getReader({ mode: "byob" });
  var mine = new Uint8Array(4);
  var r = await reader.read(mine);
  assert.sameValue(r.done, false);
  assert(r.value instanceof Uint8Array);
  assert.compareArray(Array.from(r.value), [1, 2, 3, 4]);
  assert.sameValue(mine.byteLength, 0, "the view passed in is detached");
  assert.notSameValue(r.value.buffer, mine.buffer);
  var r2 = await reader.read(new Uint8Array(8));
  assert.compareArray(Array.from(r2.value), [5], "the rest");
  assert.sameValue(r2.value.buffer.byteLength, 8, "the whole buffer comes back");

  c.enqueue(new Uint8Array([1, 0, 2, 0]));
  var r3 = await reader.read(new Uint16Array(2));
  assert(r3.value instanceof Uint16Array, "the view's type is kept");
  assert.sameValue(r3.value.length, 2);
  var dv = await (c.enqueue(new Uint8Array([9])), reader.read(new DataView(new ArrayBuffer(3), 1)));
  assert(dv.value instanceof DataView);
  assert.sameValue(dv.value.byteOffset, 1);
  assert.sameValue(dv.value.byteLength, 1);
  assert.sameValue(dv.value.getUint8(0), 9);
});
