/*---
description: >
  A File appended without a filename is stored as it is (same object);
  with a filename, a new File with that name, the same bytes, type and
  lastModified. An undefined filename counts as not given (WebIDL §3.7.7:
  an optional argument passed as undefined is "missing"; node v20 names
  the file "undefined", this test follows WebIDL).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  var f = new File(["data"], "orig.txt", { type: "a/b", lastModified: 42 });
  fd.append("f", f);
  assert.sameValue(fd.get("f"), f);
  fd.append("g", f, "renamed.bin");
  var g = fd.get("g");
  assert.notSameValue(g, f);
  assert.sameValue(g.name, "renamed.bin");
  assert.sameValue(g.type, "a/b");
  assert.sameValue(g.lastModified, 42);
  assert.sameValue(await g.text(), "data");
  assert.sameValue(f.name, "orig.txt", "the original is unchanged");
  fd.append("h", new Blob(["x"]), undefined);
  assert.sameValue(fd.get("h").name, "blob", "undefined filename");
  fd.append("i", f, 7);
  assert.sameValue(fd.get("i").name, "7", "the filename is ToString'ed");
});
