/*---
description: >
  A callback that is not a function throws a TypeError (node v20 throws
  ERR_INVALID_ARG_TYPE, a TypeError; nano-boa, like node, does not evaluate
  strings as code).
---*/

assert.throws(TypeError, function () { setTimeout("1 + 1", 0); }, "string");
assert.throws(TypeError, function () { setTimeout(undefined, 0); }, "undefined");
assert.throws(TypeError, function () { setInterval({}, 0); }, "object");
assert.throws(TypeError, function () { setTimeout(); }, "no argument");
