/*---
description: >
  Missing arguments are TypeErrors; with three arguments only the Blob
  overload of append/set applies, so a non-Blob value is a TypeError
  (WebIDL §3.7.7 overload resolution).
---*/
var fd = new FormData();
assert.throws(TypeError, function () { fd.append(); });
assert.throws(TypeError, function () { fd.append("a"); });
assert.throws(TypeError, function () { fd.set("a"); });
assert.throws(TypeError, function () { fd.append("a", "b", "c"); }, "string value with a filename");
assert.throws(TypeError, function () { fd.set("a", {}, "c"); }, "object value with a filename");
assert.throws(TypeError, function () { fd.append("a", "b", undefined); }, "an explicit undefined still picks the Blob overload");
assert.throws(TypeError, function () { fd.get(); });
assert.throws(TypeError, function () { fd.getAll(); });
assert.throws(TypeError, function () { fd.has(); });
assert.throws(TypeError, function () { fd.delete(); });
assert.throws(TypeError, function () { fd.append(Symbol(), "x"); });
assert.sameValue(fd.has("a"), false, "nothing was added");
