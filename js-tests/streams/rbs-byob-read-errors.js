/*---
description: >
  ReadableStreamBYOBReader.read argument checks (§4.6.4), all as rejected
  promises: not a view, a zero-length view, a view of a detached buffer
  are TypeErrors; min 0 is a TypeError; min larger than the view's length
  (elements; bytes for a DataView) is a RangeError; a released reader's
  read is a TypeError.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var rs = new ReadableStream({ type: "bytes" });
  var reader = rs.getReader({ mode: "byob" });
  await assert.throwsAsync(TypeError, function () { return reader.read(); }, "no argument");
  await assert.throwsAsync(TypeError, function () { return reader.read(new ArrayBuffer(4)); }, "not a view");
  await assert.throwsAsync(TypeError, function () { return reader.read(new Uint8Array(0)); }, "zero length");
  await assert.throwsAsync(TypeError, function () { return reader.read(new Uint8Array(new ArrayBuffer(4), 4)); }, "empty view of a buffer");
  var detached = new Uint8Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  await assert.throwsAsync(TypeError, function () { return reader.read(detached); }, "detached buffer");
  await assert.throwsAsync(TypeError, function () { return reader.read(new Uint8Array(4), { min: 0 }); }, "min 0");
  await assert.throwsAsync(RangeError, function () { return reader.read(new Uint16Array(2), { min: 3 }); }, "min > length");
  await assert.throwsAsync(RangeError, function () { return reader.read(new DataView(new ArrayBuffer(4)), { min: 5 }); }, "min > byteLength");
  await assert.throwsAsync(TypeError, function () { return reader.read(new Uint8Array(4), { min: -1 }); }, "[EnforceRange]");
  reader.releaseLock();
  await assert.throwsAsync(TypeError, function () { return reader.read(new Uint8Array(4)); }, "released");
  await assert.throwsAsync(TypeError, function () { return ReadableStreamBYOBReader.prototype.read.call({}, new Uint8Array(1)); }, "brand");
  assert.sameValue(ReadableStreamBYOBReader.prototype.read.length, 1);
});
