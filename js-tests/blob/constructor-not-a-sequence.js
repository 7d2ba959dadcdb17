/*---
description: >
  A blobParts argument that is not undefined and not an iterable object is
  a TypeError (WebIDL §3.2.24 sequence conversion): a string, null, a
  number, an object without @@iterator. A Symbol part is a TypeError too
  (USVString conversion). Blob called without new is a TypeError.
---*/
assert.throws(TypeError, function () { new Blob("abc"); }, "string");
assert.throws(TypeError, function () { new Blob(null); }, "null");
assert.throws(TypeError, function () { new Blob(1); }, "number");
assert.throws(TypeError, function () { new Blob({}); }, "plain object");
assert.throws(TypeError, function () { new Blob([Symbol("s")]); }, "symbol part");
assert.throws(TypeError, function () { Blob([]); }, "without new");
var thrown = new Error("from toString");
assert.throws(Error, function () {
  new Blob([{ toString: function () { throw thrown; } }]);
});
