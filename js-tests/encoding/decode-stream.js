/*---
description: >
  decode(input, { stream: true }) keeps the decoder's state between calls,
  so a character split across chunks decodes once complete; a call without
  stream flushes (an incomplete sequence becomes U+FFFD) and the next call
  starts a new stream, with a fresh BOM check (Encoding Standard; node v20
  agrees).
---*/

var d = new TextDecoder();
// U+1F600 is F0 9F 98 80.
assert.sameValue(d.decode(new Uint8Array([0xF0, 0x9F]), { stream: true }), "", "first half");
assert.sameValue(d.decode(new Uint8Array([0x98]), { stream: true }), "", "third byte");
assert.sameValue(d.decode(new Uint8Array([0x80, 0x61])), "\u{1F600}a", "completed");
// Flushing an incomplete sequence.
assert.sameValue(d.decode(new Uint8Array([0xE2, 0x82]), { stream: true }), "", "incomplete");
assert.sameValue(d.decode(), "\uFFFD", "flushed by a non-stream call");
assert.sameValue(d.decode(new Uint8Array([0x62])), "b", "fresh stream");

// A BOM split across chunks is still removed, but only at the stream start.
assert.sameValue(d.decode(new Uint8Array([0xEF, 0xBB]), { stream: true }), "", "half a BOM");
assert.sameValue(d.decode(new Uint8Array([0xBF, 0x63]), { stream: true }), "c", "BOM removed");
assert.sameValue(d.decode(new Uint8Array([0xEF, 0xBB, 0xBF])), "\uFEFF", "mid-stream BOM kept");
assert.sameValue(d.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x64])), "d", "new stream, BOM removed");

// UTF-16BE code units split between chunks.
var be = new TextDecoder("utf-16be");
assert.sameValue(be.decode(new Uint8Array([0xFE, 0xFF, 0x00]), { stream: true }), "", "BOM and half a unit");
assert.sameValue(be.decode(new Uint8Array([0x41, 0xD8]), { stream: true }), "A", "unit completed");
assert.sameValue(be.decode(new Uint8Array([0x3D, 0xDE, 0x00])), "\u{1F600}", "surrogate pair across chunks");

// Shift_JIS double-byte character split between chunks.
var sjis = new TextDecoder("shift_jis");
assert.sameValue(sjis.decode(new Uint8Array([0x41, 0x82]), { stream: true }), "A", "lead byte pending");
assert.sameValue(sjis.decode(new Uint8Array([0xA0])), "\u3042", "trail byte");

// fatal with stream: an incomplete sequence is an error only at the end.
var fatal = new TextDecoder("utf-8", { fatal: true });
assert.sameValue(fatal.decode(new Uint8Array([0xE2]), { stream: true }), "", "pending, no error yet");
assert.throws(TypeError, function () { fatal.decode(); }, "incomplete at the end");

// The stream option is read with ToBoolean; options must be an object.
assert.sameValue(d.decode(new Uint8Array([0xE2]), { stream: 1 }), "", "stream: 1");
assert.sameValue(d.decode(new Uint8Array([0x82, 0xAC])), "\u20AC", "completed");
