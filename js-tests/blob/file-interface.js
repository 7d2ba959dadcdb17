/*---
description: >
  File extends Blob (File API §4): File.prototype inherits Blob.prototype,
  File inherits Blob; File.length is 2; name and lastModified are
  accessors on File.prototype that throw a TypeError on a plain Blob;
  @@toStringTag is "File".
---*/
assert.sameValue(File.length, 2);
assert.sameValue(File.name, "File");
assert.sameValue(Object.getPrototypeOf(File), Blob);
assert.sameValue(Object.getPrototypeOf(File.prototype), Blob.prototype);
var f = new File(["x"], "a");
assert(f instanceof File);
assert(f instanceof Blob);
assert.sameValue(Object.prototype.toString.call(f), "[object File]");
["name", "lastModified"].forEach(function (name) {
  var d = Object.getOwnPropertyDescriptor(File.prototype, name);
  assert.sameValue(typeof d.get, "function", name);
  assert.sameValue(d.set, undefined);
  assert.sameValue(d.enumerable, true);
  assert.throws(TypeError, function () { d.get.call(new Blob()); }, name + " on a Blob");
});
assert.sameValue(Object.getOwnPropertyDescriptor(File.prototype, "size"), undefined, "size is inherited");
assert.sameValue(f.size, 1);
