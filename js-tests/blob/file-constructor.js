/*---
description: >
  new File(bits, name, options) (File API §4.1): the bytes as for a Blob,
  name as given, type normalized as Blob's, lastModified as given.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var f = new File(["ab", new Uint8Array([0])], "hello.txt", { type: "Text/Plain", lastModified: 42 });
  assert.sameValue(f.name, "hello.txt");
  assert.sameValue(f.size, 3);
  assert.sameValue(f.type, "text/plain");
  assert.sameValue(f.lastModified, 42);
  assert.compareArray(Array.from(await f.bytes()), [0x61, 0x62, 0]);
  assert.sameValue(new File([], "x", { type: "\u00e9" }).type, "");
  assert.sameValue(new File(["a\r\n"], "x", { endings: "native" }).size, 2);
  assert.sameValue(new File([], 5).name, "5", "the name is ToString'ed");
  assert.sameValue(new File([], "\uD800").name, "\uFFFD", "the name is a USVString");
});
