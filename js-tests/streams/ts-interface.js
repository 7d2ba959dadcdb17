/*---
description: >
  TransformStream and TransformStreamDefaultController interfaces:
  enumerable getters and operations, toStringTag, lengths, brand checks.
---*/
var P = TransformStream.prototype;
assert(Object.getOwnPropertyDescriptor(P, "readable").enumerable);
assert(Object.getOwnPropertyDescriptor(P, "writable").enumerable);
assert.sameValue(P[Symbol.toStringTag], "TransformStream");
assert.sameValue(TransformStream.length, 0);
assert.throws(TypeError, function () { Object.getOwnPropertyDescriptor(P, "readable").get.call({}); });
var C = TransformStreamDefaultController.prototype;
["desiredSize", "enqueue", "error", "terminate"].forEach(function (k) {
  assert(Object.getOwnPropertyDescriptor(C, k).enumerable, k);
});
assert.sameValue(C[Symbol.toStringTag], "TransformStreamDefaultController");
assert.sameValue(C.enqueue.length, 0);
assert.sameValue(C.terminate.length, 0);
assert.throws(TypeError, function () { C.enqueue.call({}, 1); });
assert.throws(TypeError, function () { C.terminate.call(new TransformStream()); });
