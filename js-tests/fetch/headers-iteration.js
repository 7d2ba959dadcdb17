/*---
description: >
  Headers iteration (Fetch §2.2 "sort and combine", WebIDL iterable):
  sorted by lowercase name, values of one name combined with ", " except
  set-cookie, whose values are separate entries. keys/values/entries,
  @@iterator === entries, forEach(value, key, headers). Expected values
  from node v20.
includes: [compareArray.js]
---*/

var h = new Headers([["b", "1"], ["a", "2"], ["Set-Cookie", "x"], ["set-cookie", "y"], ["B", "3"], ["C-D", "4"]]);
var entries = [...h];
assert.sameValue(JSON.stringify(entries),
  '[["a","2"],["b","1, 3"],["c-d","4"],["set-cookie","x"],["set-cookie","y"]]', "entries");
assert.compareArray([...h.keys()], ["a", "b", "c-d", "set-cookie", "set-cookie"], "keys");
assert.compareArray([...h.values()], ["2", "1, 3", "4", "x", "y"], "values");
assert.sameValue(JSON.stringify([...h.entries()]), JSON.stringify(entries), "entries()");
assert.sameValue(Headers.prototype[Symbol.iterator], Headers.prototype.entries, "@@iterator is entries");

var seen = [];
var thisArg = {};
h.forEach(function (value, key, target) {
  seen.push(key + "=" + value);
  assert.sameValue(target, h, "third argument");
  assert.sameValue(this, thisArg, "thisArg");
}, thisArg);
assert.compareArray(seen, ["a=2", "b=1, 3", "c-d=4", "set-cookie=x", "set-cookie=y"], "forEach");
assert.throws(TypeError, function () { h.forEach(); }, "forEach without a callback");

var it = h.keys();
assert.sameValue(Object.prototype.toString.call(it), "[object Headers Iterator]", "iterator tag");
assert.sameValue(typeof it[Symbol.iterator], "function", "iterators are iterable");
assert.sameValue(it.next().value, "a", "first key");
h.append("aa", "late");
assert.sameValue(it.next().value, "aa", "the iterator sees later changes");
var done = new Headers().entries().next();
assert.sameValue(done.done, true, "empty iterator is done");
assert.sameValue(done.value, undefined, "done value");
