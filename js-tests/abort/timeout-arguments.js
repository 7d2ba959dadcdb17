/*---
description: >
  AbortSignal.timeout's argument is a WebIDL [EnforceRange] unsigned long
  long: NaN, infinities, negatives and values above 2^53-1 are TypeErrors
  (the spec and Deno; node v20 throws a RangeError), fractions are
  truncated, a missing argument is a TypeError.
---*/

[NaN, Infinity, -Infinity, -1, -0.9 - 1, 9007199254740992, "x", undefined, {}].forEach(function (v) {
  assert.throws(TypeError, function () { AbortSignal.timeout(v); }, String(v));
});
assert.throws(TypeError, function () { AbortSignal.timeout(); }, "missing argument");
assert.throws(TypeError, function () { AbortSignal.timeout(Symbol()); }, "a Symbol");
assert.throws(TypeError, function () { AbortSignal.timeout(1n); }, "a BigInt");
assert.sameValue(AbortSignal.timeout(-0.5).aborted, false, "-0.5 truncates to 0");
assert.sameValue(AbortSignal.timeout("100").aborted, false, "a numeric string");
assert.sameValue(AbortSignal.timeout(9007199254740991).aborted, false, "2^53-1");
