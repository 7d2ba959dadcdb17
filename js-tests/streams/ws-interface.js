/*---
description: >
  WritableStream, WritableStreamDefaultWriter and
  WritableStreamDefaultController interfaces: enumerable members,
  toStringTag, lengths, brand checks (rejected promises for
  promise-returning members).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var P = WritableStream.prototype;
  ["locked", "abort", "close", "getWriter"].forEach(function (k) {
    assert(Object.getOwnPropertyDescriptor(P, k).enumerable, k);
  });
  assert.sameValue(P[Symbol.toStringTag], "WritableStream");
  assert.sameValue(WritableStream.length, 0);
  assert.sameValue(P.abort.length, 0);
  var W = WritableStreamDefaultWriter.prototype;
  ["closed", "desiredSize", "ready", "abort", "close", "releaseLock", "write"].forEach(function (k) {
    assert(Object.getOwnPropertyDescriptor(W, k).enumerable, k);
  });
  assert.sameValue(W[Symbol.toStringTag], "WritableStreamDefaultWriter");
  assert.sameValue(WritableStreamDefaultWriter.length, 1);
  assert.sameValue(W.write.length, 0);
  var C = WritableStreamDefaultController.prototype;
  assert(Object.getOwnPropertyDescriptor(C, "signal").enumerable);
  assert(Object.getOwnPropertyDescriptor(C, "error").enumerable);
  assert.sameValue(C[Symbol.toStringTag], "WritableStreamDefaultController");
  assert.throws(TypeError, function () { P.getWriter.call({}); });
  assert.throws(TypeError, function () { Object.getOwnPropertyDescriptor(P, "locked").get.call(new ReadableStream()); });
  await assert.throwsAsync(TypeError, function () { return P.abort.call({}); });
  await assert.throwsAsync(TypeError, function () { return P.close.call({}); });
  await assert.throwsAsync(TypeError, function () { return W.write.call({}, 1); });
  await assert.throwsAsync(TypeError, function () { return Object.getOwnPropertyDescriptor(W, "ready").get.call({}); });
  assert.throws(TypeError, function () { C.error.call({}); });
  assert.throws(TypeError, function () { new WritableStreamDefaultWriter({}); });
  assert.sameValue(Object.prototype.toString.call(new WritableStream().getWriter()), "[object WritableStreamDefaultWriter]");
});
