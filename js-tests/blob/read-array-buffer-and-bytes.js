/*---
description: >
  arrayBuffer() and bytes() give a new ArrayBuffer / Uint8Array each time,
  holding a copy of the bytes: writing to one does not change the Blob.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob([new Uint8Array([1, 2, 3])]);
  var ab = await b.arrayBuffer();
  assert(ab instanceof ArrayBuffer);
  assert.sameValue(ab.byteLength, 3);
  new Uint8Array(ab)[0] = 99;
  var bytes = await b.bytes();
  assert(bytes instanceof Uint8Array);
  assert.compareArray(Array.from(bytes), [1, 2, 3]);
  assert.notSameValue((await b.bytes()).buffer, bytes.buffer);
  assert.sameValue((await new Blob().arrayBuffer()).byteLength, 0);
});
