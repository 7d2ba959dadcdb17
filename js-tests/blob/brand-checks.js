/*---
description: >
  Blob's members on a value that is not a Blob: the accessors and slice
  throw a TypeError; the promise-returning operations return a promise
  rejected with a TypeError (WebIDL §3.7.6). Node v20 throws synchronously
  from text(); this test follows WebIDL.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var size = Object.getOwnPropertyDescriptor(Blob.prototype, "size").get;
  assert.throws(TypeError, function () { size.call({}); });
  assert.throws(TypeError, function () { Blob.prototype.slice.call({}); });
  assert.throws(TypeError, function () { Object.getOwnPropertyDescriptor(Blob.prototype, "type").get.call(1); });
  await assert.throwsAsync(TypeError, function () { return Blob.prototype.text.call({}); });
  await assert.throwsAsync(TypeError, function () { return Blob.prototype.arrayBuffer.call(null); });
  await assert.throwsAsync(TypeError, function () { return Blob.prototype.bytes.call(new Response("x")); });
});
