/*---
description: >
  A Blob holds a copy of the bytes of its buffer parts: changing the buffer
  afterwards does not change the Blob (File API §3.1.1, "get a copy of the
  bytes held by the buffer source").
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var buffer = new ArrayBuffer(4);
  var view = new Uint8Array(buffer);
  var blob = new Blob([buffer]);
  var fromView = new Blob([view]);
  view[0] = 9;
  view[3] = 7;
  assert.compareArray(Array.from(await blob.bytes()), [0, 0, 0, 0]);
  assert.compareArray(Array.from(await fromView.bytes()), [0, 0, 0, 0]);
});
