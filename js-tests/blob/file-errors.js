/*---
description: >
  File's two required arguments: fewer than 2 is a TypeError; fileBits
  must be a sequence (undefined included, since the argument is required:
  node v20 accepts undefined, this test follows WebIDL); options must be a
  dictionary; an invalid endings is a TypeError.
---*/
assert.throws(TypeError, function () { new File(); });
assert.throws(TypeError, function () { new File([]); });
assert.throws(TypeError, function () { new File(undefined, "x"); });
assert.throws(TypeError, function () { new File("abc", "x"); });
assert.throws(TypeError, function () { new File([], "x", 1); });
assert.throws(TypeError, function () { new File([], "x", { endings: "bad" }); });
assert.throws(TypeError, function () { File([], "x"); }, "without new");
assert.throws(TypeError, function () { new File([], Symbol()); });
