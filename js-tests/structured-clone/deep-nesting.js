/*---
description: >
  A deeply nested value is refused with a RangeError, as node v20 and deno
  do (V8's serializer throws "Maximum call stack size exceeded"); it must
  not overflow the native stack and end the process. A value of 1,000
  levels clones (node v20 clones 1,000 and refuses 5,000).
---*/
function nest(depth, make) {
  var value = {};
  for (var i = 0; i < depth; i++) value = make(value);
  return value;
}

var shallow = nest(1000, function (inner) { return { a: inner }; });
var copy = structuredClone(shallow);
var levels = 0;
for (var v = copy; v.a !== undefined; v = v.a) levels++;
assert.sameValue(levels, 1000, "1,000 levels survive the clone");

assert.throws(RangeError, function () {
  structuredClone(nest(200000, function (inner) { return { a: inner }; }));
}, "200,000 nested objects");
assert.throws(RangeError, function () {
  structuredClone(nest(200000, function (inner) { return [inner]; }));
}, "200,000 nested arrays");
assert.throws(RangeError, function () {
  structuredClone(nest(200000, function (inner) { return new Map([[1, inner]]); }));
}, "200,000 nested maps");
// The clone that failed left nothing behind: a later clone works.
assert.sameValue(structuredClone({ x: 1 }).x, 1);
