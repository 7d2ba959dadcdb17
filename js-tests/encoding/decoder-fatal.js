/*---
description: >
  With fatal: true, invalid UTF-8 throws a TypeError instead of producing
  U+FFFD (Encoding Standard "decode" with error mode "fatal"; node v20
  throws ERR_ENCODING_INVALID_ENCODED_DATA, a TypeError).
---*/

var decoder = new TextDecoder("utf-8", { fatal: true });
assert.sameValue(decoder.fatal, true, "fatal attribute");
assert.throws(TypeError, function () {
  decoder.decode(new Uint8Array([0xFF]));
});
assert.sameValue(decoder.decode(new Uint8Array([0x61])), "a", "valid input still decodes");
