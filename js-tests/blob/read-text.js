/*---
description: >
  text() decodes UTF-8 (Encoding's "UTF-8 decode"): a leading BOM is
  removed, invalid bytes become U+FFFD. Reading does not consume the Blob.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x61, 0xFF, 0x62])]);
  assert.sameValue(await b.text(), "a\uFFFDb");
  assert.sameValue(await b.text(), "a\uFFFDb", "readable again");
  assert.sameValue(await new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF])]).text(), "\uFEFF",
    "only one BOM is removed");
  var p = new Blob(["x"]).text();
  assert(p instanceof Promise);
});
