/*---
description: >
  Map and Set are cloned with their entries in order; cycles and shared
  references anywhere in the graph come out with the same shape (HTML
  StructuredSerialize's memory; node v20 agrees).
includes: [compareArray.js]
---*/

var shared = { s: 1 };
var map = new Map([[1, "one"], ["k", shared], [shared, shared]]);
map.set(map, map);
map.extra = 1;
var mapClone = structuredClone(map);
assert(mapClone instanceof Map, "Map");
assert.sameValue(mapClone.size, 4, "size");
assert.sameValue(mapClone.get(1), "one", "primitive entry");
var sharedClone = mapClone.get("k");
assert.notSameValue(sharedClone, shared, "object value cloned");
assert.sameValue(mapClone.get(sharedClone), sharedClone, "shared key and value stay one object");
assert.sameValue(mapClone.get(mapClone), mapClone, "Map containing itself");
assert.sameValue(mapClone.extra, undefined, "extra property of a Map dropped");
assert.compareArray(Array.from(mapClone.keys()).slice(0, 2), [1, "k"], "insertion order");

var set = new Set([1, "a", shared]);
set.add(set);
var setClone = structuredClone(set);
assert(setClone instanceof Set, "Set");
assert.sameValue(setClone.size, 4, "Set size");
assert(setClone.has(setClone), "Set containing itself");
assert(setClone.has(1) && setClone.has("a"), "primitive members");

// Cycles and sharing through plain objects and arrays.
var a = { name: "a" };
var b = { name: "b", a: a };
a.b = b;
a.self = a;
a.list = [a, b, b];
var aClone = structuredClone(a);
assert.sameValue(aClone.self, aClone, "self cycle");
assert.sameValue(aClone.b.a, aClone, "two-object cycle");
assert.sameValue(aClone.list[0], aClone, "cycle through an array");
assert.sameValue(aClone.list[1], aClone.b, "shared reference");
assert.sameValue(aClone.list[2], aClone.b, "shared reference, twice");
var arr = [];
arr.push(arr);
var arrClone = structuredClone(arr);
assert.sameValue(arrClone[0], arrClone, "array containing itself");
// The same object reached from two roots of one call.
var both = structuredClone([shared, { inner: shared }]);
assert.sameValue(both[0], both[1].inner, "shared across branches");
