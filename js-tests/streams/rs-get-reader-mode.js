/*---
description: >
  getReader({ mode }): undefined mode gives a default reader; "byob" a
  ReadableStreamBYOBReader, which needs a byte stream (TypeError
  otherwise); any other mode is a TypeError (an enum conversion, after
  ToString); a non-object options argument is a TypeError.
---*/
var bytes = new ReadableStream({ type: "bytes" });
assert(bytes.getReader({ mode: undefined }) instanceof ReadableStreamDefaultReader);
var bytes2 = new ReadableStream({ type: "bytes" });
var byob = bytes2.getReader({ mode: "byob" });
assert(byob instanceof ReadableStreamBYOBReader);
assert.sameValue(bytes2.locked, true);
var bytes3 = new ReadableStream({ type: "bytes" });
var r3 = bytes3.getReader({ mode: { toString: function () { return "byob"; } } });
assert(r3 instanceof ReadableStreamBYOBReader, "mode is converted with ToString");
assert.throws(TypeError, function () { new ReadableStream().getReader({ mode: "byob" }); }, "not a byte stream");
assert.throws(TypeError, function () { new ReadableStream({ type: "bytes" }).getReader({ mode: "BYOB" }); }, "enum values are case-sensitive");
assert.throws(TypeError, function () { new ReadableStream().getReader({ mode: "default" }); });
assert.throws(TypeError, function () { new ReadableStream().getReader(1); });
assert.throws(TypeError, function () { new ReadableStreamBYOBReader(new ReadableStream()); });
assert(new ReadableStream().getReader(null) instanceof ReadableStreamDefaultReader, "null is an empty dictionary");
