/*---
description: >
  new Headers(init) (Fetch §5.2): no init, a sequence of [name, value]
  pairs (TypeError unless each has exactly 2 items), a record, or another
  Headers. Anything else is a TypeError (WebIDL union conversion); so is
  calling the constructor without new. Expected values from node v20.
includes: [compareArray.js]
---*/

assert.compareArray([...new Headers()], [], "no init");
assert.compareArray([...new Headers(undefined)], [], "undefined init");

var fromPairs = new Headers([["Content-Type", "text/html"], ["X-A", "1"]]);
assert.sameValue(fromPairs.get("content-type"), "text/html", "from pairs");
assert.sameValue(fromPairs.get("x-a"), "1", "second pair");

var fromRecord = new Headers({ "X-B": "2", Accept: "*/*" });
assert.sameValue(fromRecord.get("x-b"), "2", "from record");
assert.sameValue(fromRecord.get("accept"), "*/*", "record key order does not matter");

var copy = new Headers(fromPairs);
assert.sameValue(copy.get("X-A"), "1", "from Headers");
copy.set("x-a", "changed");
assert.sameValue(fromPairs.get("x-a"), "1", "the copy is independent");

var iterable = new Map([["a", "1"], ["b", "2"]]);
assert.sameValue(new Headers(iterable).get("b"), "2", "any iterable of pairs");

assert.throws(TypeError, function () { new Headers([["a"]]); }, "pair of 1");
assert.throws(TypeError, function () { new Headers([["a", "b", "c"]]); }, "pair of 3");
assert.throws(TypeError, function () { new Headers(["ab"]); }, "a string is not a pair object");
assert.throws(TypeError, function () { new Headers("a"); }, "string init");
assert.throws(TypeError, function () { new Headers(1); }, "number init");
assert.throws(TypeError, function () { new Headers(null); }, "null init");
var sym = {};
sym[Symbol("s")] = "v";
assert.throws(TypeError, function () { new Headers(sym); }, "record with a Symbol key");
assert.throws(TypeError, function () { Headers(); }, "called without new");
assert.sameValue(Headers.length, 0, "Headers.length");
