/*---
description: >
  set replaces the first entry of a name, keeping its position, and
  removes the other entries of that name; with no entry of that name it
  appends (XHR §5.2).
includes: [compareArray.js]
---*/
var fd = new FormData();
fd.append("a", "1");
fd.append("b", "2");
fd.append("a", "3");
fd.append("c", "4");
fd.set("a", "x");
assert.compareArray(Array.from(fd.keys()), ["a", "b", "c"]);
assert.compareArray(fd.getAll("a"), ["x"]);
fd.set("d", "5");
assert.compareArray(Array.from(fd.keys()), ["a", "b", "c", "d"]);
fd.set("b", new Blob(["z"]));
assert.sameValue(fd.get("b").name, "blob");
assert.compareArray(Array.from(fd.keys()), ["a", "b", "c", "d"]);
