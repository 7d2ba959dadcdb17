/*---
description: >
  append adds an entry at the end, even for a name already present; get
  returns the first value of a name, or null (XHR §5.2).
---*/
var fd = new FormData();
assert.sameValue(fd.get("a"), null);
fd.append("a", "1");
fd.append("b", "2");
fd.append("a", "3");
assert.sameValue(fd.get("a"), "1");
assert.sameValue(fd.get("b"), "2");
assert.sameValue(fd.get("A"), null, "names are case-sensitive");
assert.sameValue(fd.append("c", "4"), undefined);
var keys = [];
for (var k of fd.keys()) keys.push(k);
assert.sameValue(keys.join(","), "a,b,a,c");
