/*---
description: >
  String parts are USVStrings encoded as UTF-8 (File API §3.1.1 "process
  blob parts"): a lone surrogate becomes U+FFFD (EF BF BD); non-string
  values that are not buffers or Blobs are converted with ToString.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob(["\uD800a", "é", 12, null, { toString: function () { return "o"; } }]);
  assert.sameValue(b.size, 3 + 1 + 2 + 2 + 4 + 1);
  var bytes = await b.bytes();
  assert.compareArray(Array.from(bytes), [0xEF, 0xBF, 0xBD, 0x61, 0xC3, 0xA9, 0x31, 0x32, 0x6E, 0x75, 0x6C, 0x6C, 0x6F]);
  assert.sameValue(await new Blob(["hello ", "world"]).text(), "hello world");
});
