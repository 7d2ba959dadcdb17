/*---
description: >
  JSON.stringify's output for each kind of value, with and without a gap,
  replacer functions and lists, raw JSON, and its errors (V8's messages).
  Expected values from node v20 (and deno 2 for JSON.rawJSON).
includes: [compareArray.js]
---*/
assert.sameValue(
  JSON.stringify([1, "a\u2028\ud800x\udc00\ud83d\ude00", null, true, -0, 1e21, 1.5e-7, NaN, -Infinity, undefined, function () {}, Symbol("x")]),
  '[1,"a\u2028\\ud800x\\udc00\ud83d\ude00",null,true,0,1e+21,1.5e-7,null,null,null,null,null]'
);
assert.sameValue(JSON.stringify({ a: 1, b: undefined, f: function () {}, s: Symbol() }), '{"a":1}');
assert.sameValue(JSON.stringify('\u0000\u001f\u007f\\"\b\f\n\r\t/'), '"\\u0000\\u001f\u007f\\\\\\"\\b\\f\\n\\r\\t/"');
assert.sameValue(JSON.stringify("Zürich €"), '"Zürich €"');
assert.sameValue(JSON.stringify({ "é\n": "ü" }), '{"é\\n":"ü"}');
assert.sameValue(JSON.stringify(123456789012345680000), "123456789012345680000");
assert.sameValue(JSON.stringify([-1e-7, 2 ** 53, 0.1 + 0.2, -5, 1e15, 123.456]), "[-1e-7,9007199254740992,0.30000000000000004,-5,1000000000000000,123.456]");
assert.sameValue(JSON.stringify(), undefined);
assert.sameValue(JSON.stringify(function () {}), undefined);
assert.sameValue(JSON.stringify(new Date(0)), '"1970-01-01T00:00:00.000Z"');
assert.sameValue(JSON.stringify([new String("s"), new Boolean(false), Object(1)]), '["s",false,1]');
assert.sameValue(JSON.stringify({ toJSON: function (key) { return "key=" + key; } }), '"key="');
assert.sameValue(JSON.stringify([{ toJSON: function (key) { return typeof key + key; } }]), '["string0"]');

// Gaps: numbers up to 10 spaces, strings up to 10 code units.
assert.sameValue(JSON.stringify({ a: [1, { b: 2 }], c: {} }, null, 2), '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {}\n}');
assert.sameValue(JSON.stringify([[]], null, 20), "[\n          []\n]");
assert.sameValue(JSON.stringify({ a: 1 }, null, "\t-"), '{\n\t-"a": 1\n}');
assert.sameValue(JSON.stringify({ a: 1 }, null, new Number(1)), '{\n "a": 1\n}');
assert.sameValue(JSON.stringify({ a: 1 }, null, "0123456789ab"), '{\n0123456789"a": 1\n}');
assert.sameValue(JSON.stringify({}, null, 2), "{}");
assert.sameValue(JSON.stringify([], null, 2), "[]");

// Replacers.
assert.sameValue(JSON.stringify({ a: 1, b: 2, c: { a: 3, b: 4 } }, ["b", "a", "a", 1]), '{"b":2,"a":1}');
assert.sameValue(JSON.stringify({ a: 1, b: 2, c: { a: 3, b: 4 } }, ["c", "b"]), '{"c":{"b":4},"b":2}');
assert.sameValue(JSON.stringify({ 1: "x", a: "y" }, [new Number(1), new String("a"), {}]), '{"1":"x","a":"y"}');
var seen = [];
assert.sameValue(
  JSON.stringify({ a: 1, b: [1, 2] }, function (key, value) {
    seen.push(key);
    return typeof value === "number" ? value * 10 : value;
  }),
  '{"a":10,"b":[10,20]}'
);
assert.compareArray(seen, ["", "a", "b", "0", "1"]);
assert.sameValue(JSON.stringify(1, function () { return this[""] + 1; }), "2", "the root's holder is the wrapper");

// Raw JSON.
assert.sameValue(JSON.stringify({ a: JSON.rawJSON("1e1000"), b: JSON.rawJSON('"x"'), c: [JSON.rawJSON("null")] }), '{"a":1e1000,"b":"x","c":[null]}');
assert.sameValue(JSON.isRawJSON(JSON.rawJSON(1)), true);
assert.sameValue(JSON.isRawJSON({ rawJSON: "1" }), false);
assert.sameValue(Object.getPrototypeOf(JSON.rawJSON(1)), null);
assert.sameValue(Object.isFrozen(JSON.rawJSON(1)), true);
assert.throws(SyntaxError, function () { JSON.rawJSON("{}"); });
assert.throws(SyntaxError, function () { JSON.rawJSON(" 1"); });
assert.throws(SyntaxError, function () { JSON.rawJSON(""); });
assert.throws(SyntaxError, function () { JSON.rawJSON("1 2"); });

// Errors.
var cyclic = {};
cyclic.self = cyclic;
assert.throws(TypeError, function () { JSON.stringify(cyclic); });
assert.throws(TypeError, function () { JSON.stringify([[cyclic]]); });
var e = null;
try { JSON.stringify({ a: 1n }); } catch (error) { e = error; }
assert(e instanceof TypeError);
assert.sameValue(e.message, "Do not know how to serialize a BigInt");
// Depth costs no native stack: 100,000 levels serialize (node v20 throws a
// RangeError near 4,500; deno 2 writes 10,000).
var deep = {};
for (var i = 0; i < 100000; i++) deep = { a: deep };
assert.sameValue(JSON.stringify(deep).length, 100000 * 6 + 2);
var deepArray = [];
for (var i = 0; i < 100000; i++) deepArray = [deepArray];
assert.sameValue(JSON.stringify(deepArray).length, 100000 * 2 + 2);
var deepCycle = {};
var inner = deepCycle;
for (var i = 0; i < 1000; i++) inner = inner.next = {};
inner.back = deepCycle;
assert.throws(TypeError, function () { JSON.stringify(deepCycle); }, "a cycle 1,000 levels down");
// A shared (not cyclic) object is written each time it appears.
var shared = { x: 1 };
assert.sameValue(JSON.stringify([shared, shared]), '[{"x":1},{"x":1}]');
