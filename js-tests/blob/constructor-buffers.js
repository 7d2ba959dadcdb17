/*---
description: >
  Buffer source parts (ArrayBuffer, typed arrays, DataView) contribute the
  bytes they view, honouring byteOffset and byteLength.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var buffer = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer;
  var b = new Blob([
    buffer,
    new Uint8Array(buffer, 2, 3),
    new DataView(buffer, 6, 2),
    new Uint16Array([0x0201])
  ]);
  assert.sameValue(b.size, 8 + 3 + 2 + 2);
  assert.compareArray(Array.from(await b.bytes()), [1, 2, 3, 4, 5, 6, 7, 8, 3, 4, 5, 7, 8, 1, 2]);
});
