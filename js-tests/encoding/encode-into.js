/*---
description: >
  TextEncoder.prototype.encodeInto writes whole UTF-8 sequences into a
  Uint8Array and returns { read, written }, read counting UTF-16 code
  units; it never splits a character (Encoding Standard §7.4; node v20
  agrees).
includes: [compareArray.js]
---*/

var encoder = new TextEncoder();
var dest = new Uint8Array(8);
var result = encoder.encodeInto("a\u00E9\u20AC", dest);
assert.sameValue(result.read, 3, "read");
assert.sameValue(result.written, 6, "written");
assert.compareArray(Array.prototype.slice.call(dest), [0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0, 0], "bytes");
assert.compareArray(Object.keys(result), ["read", "written"], "a plain object with read and written");

// A four-byte character that does not fit is not written at all.
dest = new Uint8Array(5);
result = encoder.encodeInto("a\u{1F600}b", dest);
assert.sameValue(result.read, 3, "read: a and the surrogate pair");
assert.sameValue(result.written, 5, "written");
assert.compareArray(Array.prototype.slice.call(dest), [0x61, 0xF0, 0x9F, 0x98, 0x80], "bytes");
dest = new Uint8Array(4);
result = encoder.encodeInto("a\u{1F600}", dest);
assert.sameValue(result.read, 1, "the pair does not fit in 3 bytes");
assert.sameValue(result.written, 1, "only a written");
dest = new Uint8Array(3);
result = encoder.encodeInto("\u{1F600}", dest);
assert.sameValue(result.read, 0, "nothing read");
assert.sameValue(result.written, 0, "nothing written");

// Lone surrogates become U+FFFD (3 bytes, 1 code unit read).
dest = new Uint8Array(10);
result = encoder.encodeInto("\uD800x", dest);
assert.sameValue(result.read, 2, "lone surrogate read");
assert.sameValue(result.written, 4, "lone surrogate written");
assert.compareArray(Array.prototype.slice.call(dest, 0, 4), [0xEF, 0xBF, 0xBD, 0x78], "U+FFFD bytes");

// Writes start at the view's byteOffset and stop at its end.
var backing = new Uint8Array(6);
result = encoder.encodeInto("xyz", backing.subarray(2, 4));
assert.sameValue(result.written, 2, "written into a subarray");
assert.compareArray(Array.prototype.slice.call(backing), [0, 0, 0x78, 0x79, 0, 0], "offset respected");

result = encoder.encodeInto("", new Uint8Array(0));
assert.sameValue(result.read, 0, "empty read");
assert.sameValue(result.written, 0, "empty written");

// The destination must be a Uint8Array.
assert.throws(TypeError, function () { encoder.encodeInto("a", new Uint16Array(2)); }, "Uint16Array");
assert.throws(TypeError, function () { encoder.encodeInto("a", new Uint8ClampedArray(2)); }, "Uint8ClampedArray");
assert.throws(TypeError, function () { encoder.encodeInto("a", new ArrayBuffer(2)); }, "ArrayBuffer");
assert.throws(TypeError, function () { encoder.encodeInto("a", [0, 0]); }, "Array");
