/*---
description: >
  "create an entry" (XHR §5.1): a Blob that is not a File is stored as a
  File named "blob" with the Blob's type and bytes; get returns the same
  File object each time.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  var blob = new Blob(["hi"], { type: "text/x" });
  fd.append("b", blob);
  var v = fd.get("b");
  assert(v instanceof File, "a File");
  assert.notSameValue(v, blob);
  assert.sameValue(v.name, "blob");
  assert.sameValue(v.type, "text/x");
  assert.sameValue(await v.text(), "hi");
  assert.sameValue(typeof v.lastModified, "number");
  assert.sameValue(fd.get("b"), v, "the same object each time");
  fd.append("c", blob, "named.txt");
  assert.sameValue(fd.get("c").name, "named.txt");
  assert.sameValue(fd.get("c").type, "text/x");
});
