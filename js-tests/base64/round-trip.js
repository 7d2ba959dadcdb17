/*---
description: >
  btoa and atob convert between binary strings and base64 (HTML "forgiving
  base64"; values are node v20's output).
---*/

assert.sameValue(btoa(""), "", "empty");
assert.sameValue(btoa("hello"), "aGVsbG8=", "one padding character");
assert.sameValue(btoa("hi"), "aGk=", "padding");
assert.sameValue(btoa("abc"), "YWJj", "no padding");
assert.sameValue(btoa("\u00ff\u00fe"), "//4=", "Latin-1 characters");
assert.sameValue(atob("aGVsbG8="), "hello", "decode");
assert.sameValue(atob("//4="), "\u00ff\u00fe", "decode to Latin-1");
assert.sameValue(atob("aGVsbG8"), "hello", "missing padding is accepted");
assert.sameValue(atob(" aGVs\tbG8=\n"), "hello", "ASCII whitespace is ignored");
var all = "";
for (var i = 0; i < 256; i++) {
  all += String.fromCharCode(i);
}
assert.sameValue(atob(btoa(all)), all, "every byte round-trips");
