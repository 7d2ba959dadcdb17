/*---
description: >
  getAll returns a new array of the values of a name in order (empty when
  none); has; delete removes every entry of a name.
includes: [compareArray.js]
---*/
var fd = new FormData();
fd.append("a", "1");
fd.append("b", "2");
fd.append("a", "3");
assert.compareArray(fd.getAll("a"), ["1", "3"]);
assert.compareArray(fd.getAll("z"), []);
assert.notSameValue(fd.getAll("a"), fd.getAll("a"), "a new array each call");
assert.sameValue(fd.has("a"), true);
assert.sameValue(fd.has("z"), false);
assert.sameValue(fd.delete("a"), undefined);
assert.sameValue(fd.has("a"), false);
assert.compareArray(fd.getAll("a"), []);
fd.delete("nothing");
assert.compareArray(Array.from(fd.keys()), ["b"]);
