/*---
description: >
  Headers as a WebIDL interface: brand checks on every method (a wrong
  receiver is a TypeError), Symbol.toStringTag, enumerable operations, a
  global that is writable, configurable and not enumerable.
---*/

var names = ["append", "delete", "get", "getSetCookie", "has", "set", "forEach", "keys", "values", "entries"];
names.forEach(function (name) {
  var method = Headers.prototype[name];
  assert.sameValue(typeof method, "function", name + " is a function");
  assert.sameValue(Object.getOwnPropertyDescriptor(Headers.prototype, name).enumerable, true, name + " is enumerable");
  assert.throws(TypeError, function () { method.call({}, "a", "b"); }, name + " on a plain object");
  assert.throws(TypeError, function () { method.call(new Response(), "a", "b"); }, name + " on a Response");
});
assert.throws(TypeError, function () { new Headers().keys().next.call({}); }, "iterator next brand check");
assert.sameValue(Object.prototype.toString.call(new Headers()), "[object Headers]", "toStringTag");
var desc = Object.getOwnPropertyDescriptor(globalThis, "Headers");
assert.sameValue(desc.enumerable, false, "global not enumerable");
assert.sameValue(desc.configurable, true, "global configurable");
assert.sameValue(new Headers() instanceof Headers, true, "instanceof");
