/*---
description: >
  The transfer option moves ArrayBuffers: the clone holds the bytes, the
  source is detached (byteLength 0), views on it see no bytes; references
  to a transferred buffer in the value point to the new buffer. Invalid
  transfer lists throw (HTML StructuredSerializeWithTransfer). Where node
  v20 differs, the test follows the standard: node throws a TypeError
  instead of a DataCloneError for a non-transferable object or a
  SharedArrayBuffer in the list, and accepts an already detached buffer.
includes: [compareArray.js]
---*/

var buffer = new Uint8Array([1, 2, 3, 4]).buffer;
var view = new Uint8Array(buffer, 1, 2);
var result = structuredClone({ buf: buffer, view: view }, { transfer: [buffer] });
assert.sameValue(buffer.byteLength, 0, "source detached");
assert.sameValue(view.length, 0, "view on the source sees no bytes");
assert.sameValue(result.buf.byteLength, 4, "clone holds the bytes");
assert.compareArray(Array.from(new Uint8Array(result.buf)), [1, 2, 3, 4], "bytes");
assert.sameValue(result.view.buffer, result.buf, "view points to the transferred buffer");
assert.compareArray(Array.from(result.view), [2, 3], "view bytes");

// Transferring the value itself.
var own = new ArrayBuffer(3);
var moved = structuredClone(own, { transfer: [own] });
assert.sameValue(own.byteLength, 0, "detached");
assert.sameValue(moved.byteLength, 3, "moved");
// A buffer in the list but not in the value is detached too.
var unused = new ArrayBuffer(2);
assert.sameValue(structuredClone(1, { transfer: [unused] }), 1, "value");
assert.sameValue(unused.byteLength, 0, "transferred anyway");
// Any iterable works, and an empty list or undefined transfer.
var viaSet = new ArrayBuffer(1);
structuredClone(viaSet, { transfer: new Set([viaSet]) });
assert.sameValue(viaSet.byteLength, 0, "iterable transfer list");
assert.sameValue(structuredClone(5, { transfer: [] }), 5, "empty list");
assert.sameValue(structuredClone(5, { transfer: undefined }), 5, "undefined transfer");
assert.sameValue(structuredClone(5, undefined), 5, "undefined options");

function assertDataCloneError(fn, what) {
  var caught;
  try { fn(); } catch (e) { caught = e; }
  assert(caught instanceof DOMException, what + ": DOMException");
  assert.sameValue(caught.name, "DataCloneError", what + ": name");
}
var twice = new ArrayBuffer(2);
assertDataCloneError(function () { structuredClone(1, { transfer: [twice, twice] }); }, "duplicate");
assert.sameValue(twice.byteLength, 2, "not detached after an error");
assertDataCloneError(function () { structuredClone(1, { transfer: [{}] }); }, "plain object");
assertDataCloneError(function () { structuredClone(1, { transfer: [new Uint8Array(1)] }); }, "typed array");
assertDataCloneError(function () { structuredClone(1, { transfer: [new SharedArrayBuffer(1)] }); }, "SharedArrayBuffer");
assertDataCloneError(function () { structuredClone(1, { transfer: [buffer] }); }, "already detached");
// A failed serialization detaches nothing.
var kept = new ArrayBuffer(2);
assertDataCloneError(function () { structuredClone({ a: kept, f: function () {} }, { transfer: [kept] }); }, "non-cloneable value");
assert.sameValue(kept.byteLength, 2, "kept after a failed clone");
// Cloning a detached buffer (not transferring it) is a DataCloneError too.
assertDataCloneError(function () { structuredClone(buffer); }, "detached buffer cloned");

// WebIDL conversions: TypeError.
assert.throws(TypeError, function () { structuredClone(1, { transfer: [1] }); }, "primitive in the list");
assert.throws(TypeError, function () { structuredClone(1, { transfer: 5 }); }, "transfer not a sequence");
assert.throws(TypeError, function () { structuredClone(1, 5); }, "options not an object");
