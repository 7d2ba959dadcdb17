/*---
description: >
  lastModified is a WebIDL long long (§3.2.4, no [Clamp]): ToNumber, NaN
  and infinities are 0, truncated toward zero, -0 is 0. Node v20 keeps the
  number as given (1.9 stays 1.9); this test follows WebIDL.
---*/
function lm(v) { return new File([], "x", { lastModified: v }).lastModified; }
assert.sameValue(lm("12"), 12);
assert.sameValue(lm(1.9), 1);
assert.sameValue(lm(-1.9), -1);
assert.sameValue(lm(NaN), 0);
assert.sameValue(lm(Infinity), 0);
assert.sameValue(lm(null), 0);
assert.sameValue(lm(new Date(5)), 5);
assert.sameValue(Object.is(lm(-0), 0), true, "-0 is +0");
assert.sameValue(lm(-1e12), -1e12);
assert.throws(TypeError, function () { lm(Symbol()); });
