/*---
description: >
  JSON.parse builds the values ECMA-262 §25.5.1 gives (expected values from
  node v20): numbers as ToNumber reads them, -0, duplicate keys (the last
  wins, at the first one's place), "__proto__" as an own data property,
  index-like keys, escapes, and JSON's own whitespace only.
includes: [compareArray.js, propertyHelper.js]
---*/
assert.sameValue(JSON.parse("1e400"), Infinity);
assert.sameValue(JSON.parse("-1e-400"), -0);
assert.sameValue(1 / JSON.parse("-0"), -Infinity, "-0");
assert.sameValue(JSON.parse("0.1"), 0.1);
assert.sameValue(JSON.parse("123456789012345678901234567890"), 1.2345678901234568e29);
assert.sameValue(JSON.parse("2147483648"), 2147483648);
assert.sameValue(JSON.parse("-2147483649"), -2147483649);
assert.compareArray(JSON.parse(" \t\r\n[ 1 , 2 ]\n "), [1, 2]);

var dup = JSON.parse('{"a": 1, "b": 2, "a": 3}');
assert.compareArray(Object.keys(dup), ["a", "b"]);
assert.sameValue(dup.a, 3);

var proto = JSON.parse('{"__proto__": {"x": 1}}');
assert.sameValue(Object.getPrototypeOf(proto), Object.prototype);
assert.sameValue(proto.x, undefined, "not the prototype");
verifyProperty(proto, "__proto__", { writable: true, enumerable: true, configurable: true });

var indexed = JSON.parse('{"b": 1, "2": 2, "1": 3, "a": 4}');
assert.compareArray(Object.keys(indexed), ["1", "2", "b", "a"], "integer keys first");

assert.sameValue(JSON.parse('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9"'), "\"\\/\b\f\n\r\tA\u00e9");
assert.sameValue(JSON.parse('"Zürich"'), "Zürich");
assert.sameValue(JSON.parse('"日本"'), "日本");
assert.compareArray(JSON.parse("[[], {}, [[]]]").map(function (v) { return JSON.stringify(v); }), ["[]", "{}", "[[]]"]);
assert(Array.isArray(JSON.parse("[]")));

// Not JSON whitespace: NBSP, BOM, vertical tab.
["\u00A01", "\uFEFF1", "\u000B1", "1\u00A0"].forEach(function (text) {
  assert.throws(SyntaxError, function () { JSON.parse(text); }, JSON.stringify(text));
});
