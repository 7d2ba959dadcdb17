/*---
description: >
  Blob's members work on a File; slice of a File is a Blob, not a File
  (File API §3.3.1 returns a new Blob).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var f = new File(["hello"], "h.txt", { type: "text/plain" });
  var s = f.slice(1, 3, "a/b");
  assert.sameValue(Object.getPrototypeOf(s), Blob.prototype);
  assert.sameValue(s.name, undefined);
  assert.sameValue(s.type, "a/b");
  assert.sameValue(await s.text(), "el");
  assert.sameValue(await f.text(), "hello");
  assert.sameValue((await f.arrayBuffer()).byteLength, 5);
});
