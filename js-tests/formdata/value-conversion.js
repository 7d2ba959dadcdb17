/*---
description: >
  Names and string values are USVStrings: ToString, lone surrogates become
  U+FFFD. A non-Blob object value is converted to a string, not stored.
---*/
var fd = new FormData();
fd.append("\uD800n", 12);
fd.append("o", { toString: function () { return "str"; } });
fd.append("u", undefined);
fd.append("x", null);
fd.append("v", "a\uDC00");
assert.sameValue(fd.get("\uFFFDn"), "12");
assert.sameValue(fd.has("\uD800n"), true, "the lookup name is converted too");
assert.sameValue(fd.get("o"), "str");
assert.sameValue(fd.get("u"), "undefined");
assert.sameValue(fd.get("x"), "null");
assert.sameValue(fd.get("v"), "a\uFFFD");
fd.append("line", "a\nb\rc");
assert.sameValue(fd.get("line"), "a\nb\rc", "line breaks are kept in the entry list");
