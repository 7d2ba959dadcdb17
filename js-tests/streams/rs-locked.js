/*---
description: >
  getReader() locks the stream; a second getReader() or new
  ReadableStreamDefaultReader on a locked stream is a TypeError;
  releaseLock() unlocks it; the reader constructor needs a ReadableStream.
---*/
var rs = new ReadableStream();
assert.sameValue(rs.locked, false);
var reader = rs.getReader();
assert.sameValue(rs.locked, true);
assert.throws(TypeError, function () { rs.getReader(); });
assert.throws(TypeError, function () { new ReadableStreamDefaultReader(rs); });
reader.releaseLock();
assert.sameValue(rs.locked, false);
reader.releaseLock();
var r2 = new ReadableStreamDefaultReader(rs);
assert(r2 instanceof ReadableStreamDefaultReader);
assert.sameValue(rs.locked, true);
assert.throws(TypeError, function () { new ReadableStreamDefaultReader({}); });
assert.throws(TypeError, function () { new ReadableStreamDefaultReader(); });
assert.throws(TypeError, function () { ReadableStreamDefaultReader(rs); }, "without new");
assert.sameValue(ReadableStreamDefaultReader.length, 1);
