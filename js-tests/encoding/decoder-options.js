/*---
description: >
  TextDecoder's fatal and ignoreBOM options and attributes, and the BOM
  handling of the Encoding Standard's decode: a BOM of the decoder's own
  encoding (UTF-8, UTF-16LE, UTF-16BE) is removed once at the start of a
  stream unless ignoreBOM; with fatal, malformed input throws a TypeError
  (node v20 agrees).
---*/

function decode(label, bytes, options) {
  return new TextDecoder(label, options).decode(new Uint8Array(bytes));
}

var d = new TextDecoder("utf-8");
assert.sameValue(d.fatal, false, "fatal defaults to false");
assert.sameValue(d.ignoreBOM, false, "ignoreBOM defaults to false");
d = new TextDecoder("utf-8", { fatal: 1, ignoreBOM: "yes" });
assert.sameValue(d.fatal, true, "fatal is converted to boolean");
assert.sameValue(d.ignoreBOM, true, "ignoreBOM is converted to boolean");
assert.sameValue(new TextDecoder("utf-8", null).fatal, false, "null options");
assert.throws(TypeError, function () { new TextDecoder("utf-8", 5); }, "options must be an object");

// BOMs.
assert.sameValue(decode("utf-8", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]), "\uFEFF", "only one UTF-8 BOM is removed");
assert.sameValue(decode("utf-16le", [0xFF, 0xFE, 0x41, 0x00]), "A", "UTF-16LE BOM");
assert.sameValue(decode("utf-16be", [0xFE, 0xFF, 0x00, 0x41, 0x00, 0x42]), "AB", "UTF-16BE BOM");
assert.sameValue(decode("utf-16be", [0xFE, 0xFF, 0x00, 0x41], { ignoreBOM: true }), "\uFEFFA", "UTF-16BE BOM kept");
assert.sameValue(decode("utf-16le", [0xFE, 0xFF, 0x41, 0x00]), "\uFFFEA", "a UTF-16BE BOM is not removed by UTF-16LE");
assert.sameValue(decode("utf-8", [0xFF, 0xFE, 0x41]), "\uFFFD\uFFFDA", "a UTF-16 BOM does not switch UTF-8");
assert.sameValue(decode("utf-16le", [0x3D, 0xD8, 0x00, 0xDE]), "\u{1F600}", "UTF-16LE surrogate pair");
assert.sameValue(decode("utf-16le", [0x41]), "\uFFFD", "UTF-16LE odd byte at the end");
assert.sameValue(decode("utf-16le", [0x00, 0xD8, 0x41, 0x00]), "\uFFFDA", "UTF-16LE lone surrogate");

// fatal.
assert.throws(TypeError, function () { decode("utf-8", [0xC0, 0x80], { fatal: true }); }, "overlong");
assert.throws(TypeError, function () { decode("utf-8", [0xED, 0xA0, 0x80], { fatal: true }); }, "encoded surrogate");
assert.throws(TypeError, function () { decode("utf-8", [0xE2, 0x82], { fatal: true }); }, "truncated at the end");
assert.throws(TypeError, function () { decode("utf-16le", [0x00, 0xD8], { fatal: true }); }, "UTF-16 lone surrogate");
assert.throws(TypeError, function () { decode("shift_jis", [0x82, 0x20], { fatal: true }); }, "shift_jis bad trail");
assert.throws(TypeError, function () { decode("euc-kr", [0xFF], { fatal: true }); }, "euc-kr bad lead");
assert.sameValue(decode("windows-1252", [0x81], { fatal: true }), "\u0081", "windows-1252 0x81 maps to U+0081");
assert.sameValue(decode("utf-8", [0xEF, 0xBB, 0xBF, 0x61], { fatal: true }), "a", "fatal still strips the BOM");

// After a fatal error the decoder starts over.
var fatal = new TextDecoder("utf-8", { fatal: true });
assert.throws(TypeError, function () { fatal.decode(new Uint8Array([0xF0, 0x9F])); });
assert.sameValue(fatal.decode(new Uint8Array([0x62])), "b", "usable after an error");
