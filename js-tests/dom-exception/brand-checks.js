/*---
description: >
  The attribute getters throw a TypeError on objects that are not
  DOMExceptions; the global is writable and configurable.
---*/

var getter = Object.getOwnPropertyDescriptor(DOMException.prototype, "name").get;
assert.throws(TypeError, function () { getter.call({}); });
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(DOMException.prototype, "code").get.call(new Error("x"));
});
assert.throws(TypeError, function () { DOMException(); }, "not callable without new");

var err = new DOMException("m", { name: "AbortError", cause: 1 });
assert.sameValue(err.name, "AbortError");
assert.sameValue(err.cause, 1);
assert.sameValue(typeof err.stack, "string");
