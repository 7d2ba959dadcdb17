/*---
description: >
  URLSearchParams iteration: keys, values, entries, @@iterator, forEach;
  iterators read the live list (WebIDL "pair iterators"; values are node
  v20's output).
includes: [compareArray.js]
---*/

var p = new URLSearchParams("a=1&b=2");
assert.sameValue(p[Symbol.iterator], p.entries, "@@iterator is entries");
assert.compareArray(Array.from(p.keys()), ["a", "b"], "keys");
assert.compareArray(Array.from(p.values()), ["1", "2"], "values");
var entries = Array.from(p);
assert.sameValue(entries.length, 2, "entries count");
assert.compareArray(entries[1], ["b", "2"], "entry pair");
assert.compareArray(Object.entries(Object.fromEntries(p)).join("|").split("|"), ["a,1", "b,2"], "Object.fromEntries");

var it = p.keys();
assert.sameValue(Object.prototype.toString.call(it), "[object URLSearchParams Iterator]", "iterator tag");
assert.sameValue(it[Symbol.iterator](), it, "iterators are iterable");
assert.sameValue(typeof Object.getPrototypeOf(it).next, "function", "next on the prototype");
assert.sameValue(it.next().value, "a", "first key");
p.append("c", "3");
assert.sameValue(it.next().value, "b", "second key");
assert.sameValue(it.next().value, "c", "appended while iterating");
var end = it.next();
assert.sameValue(end.done, true, "done");
assert.sameValue(end.value, undefined, "done value");

var q = new URLSearchParams("x=1&y=2&z=3");
var seen = [];
q.forEach(function (value, name, object) {
  seen.push(name + value);
  assert.sameValue(object, q, "third argument is the object");
  assert.sameValue(this.marker, 7, "thisArg");
  if (name === "x") q.delete("y");
}, { marker: 7 });
assert.compareArray(seen, ["x1", "z3"], "forEach sees a deletion");
assert.throws(TypeError, function () { q.forEach(); }, "forEach without callback");
assert.throws(TypeError, function () { q.forEach({}); }, "forEach with a non-callable");

var iter = q.entries();
assert.throws(TypeError, function () { iter.next.call({}); }, "next on a wrong receiver");
