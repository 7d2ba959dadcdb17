/*---
description: >
  queueMicrotask requires a function (WebIDL: the argument is a
  VoidFunction callback, so anything else is a TypeError).
---*/

assert.throws(TypeError, function () { queueMicrotask(); }, "no argument");
assert.throws(TypeError, function () { queueMicrotask(1); }, "number");
assert.throws(TypeError, function () { queueMicrotask("code"); }, "string");
assert.throws(TypeError, function () { queueMicrotask({}); }, "object");
