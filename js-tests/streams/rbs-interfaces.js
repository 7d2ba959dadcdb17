/*---
description: >
  ReadableByteStreamController, ReadableStreamBYOBRequest and
  ReadableStreamBYOBReader interfaces: illegal constructors, brand checks
  (a default controller is not a byte controller and the other way
  round), toStringTag, enumerable members; byobRequest is null without a
  pending BYOB read. (node v20 lets ReadableStreamDefaultController's
  close run on a byte controller; WebIDL's brand check makes it a
  TypeError, as here.)
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var bc, dc;
  new ReadableStream({ type: "bytes", start: function (c) { bc = c; } });
  new ReadableStream({ start: function (c) { dc = c; } });
  assert.throws(TypeError, function () { new ReadableByteStreamController(); });
  assert.throws(TypeError, function () { ReadableByteStreamController.prototype.close.call(dc); });
  assert.throws(TypeError, function () { ReadableStreamDefaultController.prototype.close.call(bc); });
  assert.throws(TypeError, function () {
    Object.getOwnPropertyDescriptor(ReadableByteStreamController.prototype, "byobRequest").get.call(dc);
  });
  assert.sameValue(bc.byobRequest, null);
  assert.sameValue(bc.desiredSize, 0, "byte streams default to highWaterMark 0");
  assert.sameValue(ReadableByteStreamController.prototype[Symbol.toStringTag], "ReadableByteStreamController");
  assert.sameValue(ReadableStreamBYOBRequest.prototype[Symbol.toStringTag], "ReadableStreamBYOBRequest");
  assert.sameValue(ReadableStreamBYOBReader.prototype[Symbol.toStringTag], "ReadableStreamBYOBReader");
  ["byobRequest", "desiredSize", "close", "enqueue", "error"].forEach(function (k) {
    assert(Object.getOwnPropertyDescriptor(ReadableByteStreamController.prototype, k).enumerable, k);
  });
  ["view", "respond", "respondWithNewView"].forEach(function (k) {
    assert(Object.getOwnPropertyDescriptor(ReadableStreamBYOBRequest.prototype, k).enumerable, k);
  });
  ["closed", "cancel", "read", "releaseLock"].forEach(function (k) {
    assert(Object.getOwnPropertyDescriptor(ReadableStreamBYOBReader.prototype, k).enumerable, k);
  });
  assert.sameValue(ReadableStreamBYOBRequest.prototype.respond.length, 1);
  assert.sameValue(ReadableStreamBYOBRequest.prototype.respondWithNewView.length, 1);
  await assert.throwsAsync(TypeError, function () {
    return ReadableStreamBYOBReader.prototype.cancel.call(new ReadableStream().getReader());
  }, "a default reader is not a BYOB reader");
});
