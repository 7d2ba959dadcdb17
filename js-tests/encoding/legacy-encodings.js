/*---
description: >
  TextDecoder decodes the legacy encodings of the Encoding Standard; byte
  values from the standard's index files (index-windows-1252, index-jis0208,
  index-gb18030, index-euc-kr, index-big5, ...), checked against node v20.
  The test follows the standard where node v20 differs: node decodes
  windows-1252 (and its labels latin1, ascii) as ISO-8859-1 (0x80 gives
  U+0080, not U+20AC), and its ICU Shift_JIS decoder maps 0x80 to U+FFFD
  where the standard's Shift_JIS decoder returns U+0080.
---*/

function decode(label, bytes) {
  return new TextDecoder(label).decode(new Uint8Array(bytes));
}

// windows-1252: 0x80 is U+20AC, 0x9F is U+0178, ASCII unchanged.
assert.sameValue(decode("windows-1252", [0x80, 0x9F, 0x41]), "\u20AC\u0178A", "windows-1252");
// latin1 and ascii are labels of windows-1252, not of ISO-8859-1.
assert.sameValue(decode("latin1", [0x80]), "\u20AC", "latin1 is windows-1252");
assert.sameValue(decode("ascii", [0x92]), "\u2019", "ascii is windows-1252");
// ISO-8859-2: 0xA1 is U+0104 (LATIN CAPITAL LETTER A WITH OGONEK).
assert.sameValue(decode("iso-8859-2", [0xA1]), "\u0104", "iso-8859-2");
// KOI8-R: 0xC1 is U+0430 (CYRILLIC SMALL LETTER A).
assert.sameValue(decode("koi8-r", [0xC1, 0xC2]), "\u0430\u0431", "koi8-r");
// Shift_JIS: 0x82 0xA0 is U+3042 (HIRAGANA A), 0x88 0x9F is U+4E9C; single
// bytes 0xA1..0xDF are halfwidth katakana (0xB1 is U+FF71).
assert.sameValue(decode("shift_jis", [0x82, 0xA0, 0x88, 0x9F, 0xB1]), "\u3042\u4E9C\uFF71", "shift_jis");
assert.sameValue(decode("sjis", [0x82, 0xA0]), "\u3042", "sjis label");
// EUC-JP: 0xA4 0xA2 is U+3042.
assert.sameValue(decode("euc-jp", [0xA4, 0xA2]), "\u3042", "euc-jp");
// ISO-2022-JP: ESC $ B switches to JIS X 0208, ESC ( B back to ASCII.
assert.sameValue(
  decode("iso-2022-jp", [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42, 0x61]),
  "\u3042a",
  "iso-2022-jp"
);
// GBK: 0xC4 0xE3 0xBA 0xC3 is U+4F60 U+597D; 0x80 is U+20AC.
assert.sameValue(decode("gbk", [0xC4, 0xE3, 0xBA, 0xC3]), "\u4F60\u597D", "gbk");
assert.sameValue(decode("gbk", [0x80]), "\u20AC", "gbk 0x80");
assert.sameValue(decode("gb2312", [0xC4, 0xE3]), "\u4F60", "gb2312 is gbk");
// gb18030 four-byte sequences: 0x81 0x30 0x81 0x30 is U+0080,
// 0x90 0x30 0x81 0x30 is U+10000.
assert.sameValue(decode("gb18030", [0x81, 0x30, 0x81, 0x30]), "\u0080", "gb18030 four bytes");
assert.sameValue(decode("gb18030", [0x90, 0x30, 0x81, 0x30]), "\u{10000}", "gb18030 astral");
// Big5: 0xA4 0x40 is U+4E00.
assert.sameValue(decode("big5", [0xA4, 0x40]), "\u4E00", "big5");
// EUC-KR: 0xB0 0xA1 is U+AC00 (HANGUL SYLLABLE GA).
assert.sameValue(decode("euc-kr", [0xB0, 0xA1]), "\uAC00", "euc-kr");
// An invalid lead byte becomes U+FFFD (0x80 is not a Shift_JIS lead byte).
assert.sameValue(decode("shift_jis", [0x80, 0x41]), "\u0080A", "shift_jis 0x80 is U+0080");
assert.sameValue(decode("euc-kr", [0xFF, 0x41]), "\uFFFDA", "euc-kr invalid byte");
