/*---
description: >
  TextEncoder encodes to UTF-8; byte values from the Encoding Standard's
  UTF-8 encoder (and node v20's output).
includes: [compareArray.js]
---*/

var encoder = new TextEncoder();
assert.sameValue(encoder.encoding, "utf-8", "encoding");
var bytes = function (s) {
  return Array.prototype.slice.call(encoder.encode(s));
};
assert(encoder.encode("a") instanceof Uint8Array, "returns a Uint8Array");
assert.compareArray(bytes(""), [], "empty string");
assert.compareArray(bytes("A"), [0x41], "ASCII");
assert.compareArray(bytes("é"), [0xC3, 0xA9], "two bytes");
assert.compareArray(bytes("€"), [0xE2, 0x82, 0xAC], "three bytes");
assert.compareArray(bytes("\u{1F600}"), [0xF0, 0x9F, 0x98, 0x80], "four bytes (surrogate pair)");
// A lone surrogate is replaced by U+FFFD (USVString conversion).
assert.compareArray(bytes("\uD800"), [0xEF, 0xBF, 0xBD], "lone high surrogate");
assert.compareArray(bytes("a\uDC00b"), [0x61, 0xEF, 0xBF, 0xBD, 0x62], "lone low surrogate");
assert.compareArray(bytes(), [], "undefined encodes as the empty string");
