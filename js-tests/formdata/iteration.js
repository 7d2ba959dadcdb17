/*---
description: >
  FormData is a pair iterable (WebIDL §3.7.10): entries (also
  @@iterator), keys and values; iterators inherit %IteratorPrototype% via
  a prototype whose @@toStringTag is "FormData Iterator", and they see
  entries added during iteration.
includes: [compareArray.js]
---*/
var fd = new FormData();
fd.append("a", "1");
fd.append("b", "2");
assert.sameValue(FormData.prototype[Symbol.iterator], FormData.prototype.entries);
var it = fd.entries();
assert.sameValue(Object.prototype.toString.call(it), "[object FormData Iterator]");
var iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
assert.sameValue(Object.getPrototypeOf(Object.getPrototypeOf(it)), iteratorPrototype);
var first = it.next();
assert.compareArray(first.value, ["a", "1"]);
assert.sameValue(first.done, false);
fd.append("c", "3");
assert.compareArray(it.next().value, ["b", "2"]);
assert.compareArray(it.next().value, ["c", "3"], "an entry appended during iteration");
var end = it.next();
assert.sameValue(end.done, true);
assert.sameValue(end.value, undefined);
assert.compareArray(Array.from(fd.keys()), ["a", "b", "c"]);
assert.compareArray(Array.from(fd.values()), ["1", "2", "3"]);
assert.compareArray([...fd].map(function (e) { return e.join("="); }), ["a=1", "b=2", "c=3"]);
var next = Object.getPrototypeOf(it).next;
assert.throws(TypeError, function () { next.call({}); });
