/*---
description: >
  slice's contentType (File API §3.3.1): lowercased, or the empty string
  when it has a code point outside U+0020-U+007E; undefined is "".
---*/
var b = new Blob(["abc"], { type: "a/b" });
assert.sameValue(b.slice(0, 1, "Text/HTML").type, "text/html");
assert.sameValue(b.slice(0, 1, "t\u00e9xt/html").type, "");
assert.sameValue(b.slice(0, 1, undefined).type, "");
assert.sameValue(b.slice(0, 1, null).type, "null", "null is ToString'ed");
