/*---
description: >
  structuredClone returns primitives unchanged (HTML StructuredSerialize,
  primitive values; node v20 agrees), and needs its argument. Its length
  is 1 as WebIDL gives it (one required argument; node v20 reports 0).
---*/

[undefined, null, true, false, 0, -0, 1.5, NaN, Infinity, -Infinity, "", "text \u{1F600}", "\uD800", 10n, -(2n ** 70n)].forEach(function (value) {
  assert.sameValue(structuredClone(value), value, String(value));
});
assert.sameValue(structuredClone.length, 1, "length");
assert.sameValue(structuredClone.name, "structuredClone", "name");
assert.throws(TypeError, function () { structuredClone(); }, "no argument");
