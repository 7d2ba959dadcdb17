/*---
description: >
  TextDecoder decodes UTF-8, strips a leading BOM unless ignoreBOM, and
  replaces invalid sequences with U+FFFD (Encoding Standard UTF-8 decoder;
  node v20 agrees).
---*/

var decoder = new TextDecoder();
assert.sameValue(decoder.encoding, "utf-8", "encoding");
var decode = function (list, options) {
  return new TextDecoder("utf-8", options).decode(new Uint8Array(list));
};
assert.sameValue(decode([0xE2, 0x82, 0xAC]), "€", "three-byte sequence");
assert.sameValue(decode([0xF0, 0x9F, 0x98, 0x80]), "\u{1F600}", "four-byte sequence");
assert.sameValue(decode([0xEF, 0xBB, 0xBF, 0x61]), "a", "BOM stripped");
assert.sameValue(decode([0xEF, 0xBB, 0xBF, 0x61], { ignoreBOM: true }), "\uFEFFa", "BOM kept with ignoreBOM");
assert.sameValue(decode([0xFF, 0x61]), "\uFFFDa", "invalid byte");
assert.sameValue(decode([0xE2, 0x82]), "\uFFFD", "truncated sequence at the end");
assert.sameValue(decoder.decode(), "", "no input");
