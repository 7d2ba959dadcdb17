/*---
description: >
  endings "transparent" (the default) keeps line breaks; "native" turns CR
  and CRLF into LF on POSIX systems (File API §3.1.1 "convert line endings
  to native"), in string parts only. Another value is a TypeError (WebIDL
  enumeration). Node v20 leaves a lone CR as it is; this test follows the
  File API.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var text = "a\r\nb\rc\nd";
  assert.sameValue(new Blob([text]).size, 8);
  assert.sameValue(new Blob([text], { endings: "transparent" }).size, 8);
  var native = new Blob([text, new Uint8Array([13, 10])], { endings: "native" });
  assert.compareArray(Array.from(await native.bytes()), [0x61, 10, 0x62, 10, 0x63, 10, 0x64, 13, 10],
    "buffer parts are not converted");
  assert.throws(TypeError, function () { new Blob([], { endings: "crlf" }); });
  assert.throws(TypeError, function () { new Blob([], { endings: "Native" }); });
});
