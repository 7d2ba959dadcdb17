/*---
description: >
  Clearing an id that names no timer does nothing (HTML clearTimeout:
  "remove this's map of active timers[handle]", a no-op when absent).
---*/

assert.sameValue(clearTimeout(987654), undefined, "unknown number");
assert.sameValue(clearTimeout(), undefined, "no argument");
assert.sameValue(clearTimeout(undefined), undefined, "undefined");
assert.sameValue(clearTimeout(null), undefined, "null");
assert.sameValue(clearTimeout("nope"), undefined, "string");
assert.sameValue(clearInterval({}), undefined, "object");
assert.sameValue(clearInterval(-1), undefined, "negative");
assert.sameValue(clearInterval(1.5), undefined, "fraction");
