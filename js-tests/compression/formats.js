/*---
description: >
  The CompressionFormat enum: "gzip", "deflate" and "deflate-raw" only
  (case-sensitive, converted with ToString); anything else is a TypeError
  in both constructors; the argument is required; without new it is a
  TypeError; interface members and toStringTag. (node v20 does not apply
  ToString to the format, so an object with toString "gzip" throws there;
  WebIDL enum conversion does, as here.)
---*/
["gzip", "deflate", "deflate-raw"].forEach(function (f) {
  var c = new CompressionStream(f);
  assert(c.readable instanceof ReadableStream);
  assert(c.writable instanceof WritableStream);
  assert(new DecompressionStream(f).writable instanceof WritableStream);
});
new CompressionStream({ toString: function () { return "gzip"; } });
["GZIP", "br", "", "zlib", "deflate64"].forEach(function (bad) {
  assert.throws(TypeError, function () { new CompressionStream(bad); }, bad);
  assert.throws(TypeError, function () { new DecompressionStream(bad); }, bad);
});
assert.throws(TypeError, function () { new CompressionStream(); });
assert.throws(TypeError, function () { new DecompressionStream(); });
assert.throws(TypeError, function () { CompressionStream("gzip"); });
assert.sameValue(CompressionStream.length, 1);
assert.sameValue(CompressionStream.prototype[Symbol.toStringTag], "CompressionStream");
assert.sameValue(DecompressionStream.prototype[Symbol.toStringTag], "DecompressionStream");
assert(Object.getOwnPropertyDescriptor(CompressionStream.prototype, "readable").enumerable);
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(CompressionStream.prototype, "readable").get.call(new DecompressionStream("gzip"));
});
