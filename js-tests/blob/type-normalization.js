/*---
description: >
  The type option (File API §3.1 step 3): ASCII-lowercased; the empty
  string when any code point is outside U+0020-U+007E. It is not parsed as
  a MIME type.
---*/
assert.sameValue(new Blob([], { type: "Text/Plain;Charset=UTF-8" }).type, "text/plain;charset=utf-8");
assert.sameValue(new Blob([], { type: "not a mime type" }).type, "not a mime type");
assert.sameValue(new Blob([], { type: "text/plain\u00e9" }).type, "", "non-ASCII");
assert.sameValue(new Blob([], { type: "a\u001fb" }).type, "", "control character");
assert.sameValue(new Blob([], { type: "a\u007fb" }).type, "", "DEL");
assert.sameValue(new Blob([], { type: "A\u0130" }).type, "", "U+0130 is not ASCII-lowercased");
assert.sameValue(new Blob([], { type: 5 }).type, "5", "ToString");
assert.sameValue(new Blob([], { type: undefined }).type, "");
