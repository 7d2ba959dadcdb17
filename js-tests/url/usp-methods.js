/*---
description: >
  URLSearchParams methods: append, delete, get, getAll, has, set, size
  (WHATWG URL; values are node v20's output).
includes: [compareArray.js]
---*/

var p = new URLSearchParams("a=1&b=2&a=3&c=4");
assert.sameValue(p.size, 4, "size");
assert.sameValue(p.get("a"), "1", "get returns the first");
assert.sameValue(p.get("zzz"), null, "get of a missing name");
assert.compareArray(p.getAll("a"), ["1", "3"], "getAll");
assert.compareArray(p.getAll("zzz"), [], "getAll of a missing name");
assert.sameValue(p.has("b"), true, "has");
assert.sameValue(p.has("a", "3"), true, "has with value");
assert.sameValue(p.has("a", "2"), false, "has with another value");
assert.sameValue(p.has("a", undefined), true, "has with undefined value is has(name)");

p.set("a", "x");
assert.sameValue(p.toString(), "a=x&b=2&c=4", "set replaces the first and drops the rest");
p.set("d", "5");
assert.sameValue(p.toString(), "a=x&b=2&c=4&d=5", "set of a new name appends");

p.append("b", "6");
p.delete("b", "2");
assert.sameValue(p.toString(), "a=x&c=4&d=5&b=6", "delete with value");
p.delete("b");
assert.sameValue(p.toString(), "a=x&c=4&d=5", "delete by name");
p.delete("missing");
assert.sameValue(p.size, 3, "deleting a missing name");

p.append(1, null);
assert.sameValue(p.get("1"), "null", "append converts with ToString");
assert.throws(TypeError, function () { p.append("x"); }, "append needs 2 arguments");
assert.throws(TypeError, function () { p.set("x"); }, "set needs 2 arguments");
assert.throws(TypeError, function () { p.get(); }, "get needs 1 argument");
assert.throws(TypeError, function () { p.has(); }, "has needs 1 argument");
assert.throws(TypeError, function () { p.delete(); }, "delete needs 1 argument");
assert.throws(TypeError, function () { p.getAll(); }, "getAll needs 1 argument");
assert.sameValue(p.append.length, 2, "append.length");
assert.sameValue(p.delete.length, 1, "delete.length");
assert.sameValue(p.has.length, 1, "has.length");
assert.sameValue(Object.prototype.toString.call(p), "[object URLSearchParams]", "toStringTag");
