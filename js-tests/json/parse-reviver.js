/*---
description: >
  The reviver is called bottom-up with the holder as this, a key string,
  the value, and a context whose source is the primitive's text while the
  value is still that primitive (JSON.parse source text access). Checked
  on deno 2.9, whose V8 has the context argument (node v20 does not).
  Undefined deletes a property.
includes: [compareArray.js]
---*/
var calls = [];
var result = JSON.parse('{"a": [1, 2.50], "b": {"c": "x"}, "d": null}', function (key, value, context) {
  calls.push(key + "=" + (typeof value === "object" && value !== null ? "obj" : String(value)) + ":" + (context && context.source));
  if (key === "d") return undefined;
  return value;
});
assert.compareArray(calls, [
  "0=1:1",
  "1=2.5:2.50",
  "a=obj:undefined",
  "c=x:\"x\"",
  "b=obj:undefined",
  "d=null:null",
  "=obj:undefined",
]);
assert.compareArray(Object.keys(result), ["a", "b"]);

// A value changed on the way up has no source.
var sources = [];
JSON.parse("[1, 2]", function (key, value, context) {
  if (key === "0") this[1] = 5;
  if (key === "1") sources.push(context.source);
  return value;
});
assert.compareArray(sources, [undefined]);

// Deep text parses without a reviver (no native recursion); a reviver's
// walk over it is bounded by a RangeError, as V8's is.
var depth = 100000;
var deep = JSON.parse("[".repeat(depth) + "]".repeat(depth));
var levels = 0;
for (var v = deep; v.length; v = v[0]) levels++;
assert.sameValue(levels, depth - 1);
assert.throws(RangeError, function () {
  JSON.parse("[".repeat(depth) + "]".repeat(depth), function (k, v) { return v; });
});
