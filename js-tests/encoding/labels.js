/*---
description: >
  TextDecoder resolves every label of the Encoding Standard ("get an
  encoding": ASCII whitespace trimmed, ASCII case ignored) to the
  encoding's lowercased name, as node v20 reports it; unknown labels and
  the "replacement" encoding throw a RangeError.
---*/

var cases = [
  [undefined, "utf-8"],
  ["utf8", "utf-8"],
  ["  UTF-8\n", "utf-8"],
  ["unicode-1-1-utf-8", "utf-8"],
  ["utf-16", "utf-16le"],
  ["UTF-16LE", "utf-16le"],
  ["utf-16be", "utf-16be"],
  ["latin1", "windows-1252"],
  ["iso-8859-1", "windows-1252"],
  ["ascii", "windows-1252"],
  ["us-ascii", "windows-1252"],
  ["cp1252", "windows-1252"],
  ["iso-8859-2", "iso-8859-2"],
  ["iso-8859-8-i", "iso-8859-8-i"],
  ["koi8-r", "koi8-r"],
  ["koi8-u", "koi8-u"],
  ["x-mac-cyrillic", "x-mac-cyrillic"],
  ["windows-874", "windows-874"],
  ["tis-620", "windows-874"],
  ["sjis", "shift_jis"],
  ["Shift_JIS", "shift_jis"],
  ["ms932", "shift_jis"],
  ["euc-jp", "euc-jp"],
  ["iso-2022-jp", "iso-2022-jp"],
  ["gbk", "gbk"],
  ["gb2312", "gbk"],
  ["chinese", "gbk"],
  ["gb18030", "gb18030"],
  ["big5", "big5"],
  ["big5-hkscs", "big5"],
  ["euc-kr", "euc-kr"],
  ["korean", "euc-kr"],
  ["windows-949", "euc-kr"],
];
cases.forEach(function (c) {
  assert.sameValue(new TextDecoder(c[0]).encoding, c[1], "label " + JSON.stringify(c[0]));
});

["replacement", "iso-2022-kr", "hz-gb-2312", "iso-2022-cn", "csiso2022kr"].forEach(function (label) {
  assert.throws(RangeError, function () { new TextDecoder(label); }, label + " (replacement encoding)");
});
["", "utf-7", "utf-32", "nonsense", "utf-8\u0000", "\u00A0utf-8"].forEach(function (label) {
  assert.throws(RangeError, function () { new TextDecoder(label); }, "unknown label " + JSON.stringify(label));
});
// The label is converted with ToString.
assert.sameValue(new TextDecoder({ toString: function () { return "latin1"; } }).encoding, "windows-1252", "ToString(label)");
