/*---
description: >
  Blob and File are serializable (File API §3, §4): structuredClone gives
  a new object of the same interface with the same bytes and type, and a
  File keeps its name and lastModified. Node v20 clones a File into a
  plain Blob; this test follows the File API.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var blob = new Blob([new Uint8Array([0, 1, 255])], { type: "a/b" });
  var b = structuredClone(blob);
  assert.notSameValue(b, blob);
  assert.sameValue(Object.getPrototypeOf(b), Blob.prototype);
  assert.sameValue(b.type, "a/b");
  assert.compareArray(Array.from(await b.bytes()), [0, 1, 255]);

  var file = new File(["text"], "name.txt", { type: "text/plain", lastModified: 1234 });
  var f = structuredClone(file);
  assert.notSameValue(f, file);
  assert(f instanceof File, "a File");
  assert.sameValue(f.name, "name.txt");
  assert.sameValue(f.lastModified, 1234);
  assert.sameValue(f.type, "text/plain");
  assert.sameValue(await f.text(), "text");
});
