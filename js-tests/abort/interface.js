/*---
description: >
  AbortController and AbortSignal as WebIDL interfaces: AbortSignal is not
  constructible ("Illegal constructor", subclasses too), brand checks on
  every member, enumerable members and statics, function lengths and
  Symbol.toStringTag.
---*/

assert.throws(TypeError, function () { new AbortSignal(); }, "Illegal constructor");
try {
  new AbortSignal();
} catch (e) {
  assert.sameValue(e.message, "Illegal constructor");
}
assert.throws(TypeError, function () { AbortSignal(); }, "call");
class Sub extends AbortSignal {}
assert.throws(TypeError, function () { new Sub(); }, "a subclass");
assert.throws(TypeError, function () { AbortController(); }, "call without new");

assert.sameValue(AbortController.length, 0);
assert.sameValue(AbortSignal.length, 0);
assert.sameValue(AbortSignal.abort.length, 0);
assert.sameValue(AbortSignal.timeout.length, 1);
assert.sameValue(AbortSignal.any.length, 1);
assert.sameValue(AbortController.prototype.abort.length, 0);
assert.sameValue(AbortSignal.prototype.throwIfAborted.length, 0);
assert.sameValue(Object.getPrototypeOf(AbortSignal), EventTarget);
assert.sameValue(Object.prototype.toString.call(new AbortController()), "[object AbortController]");
assert.sameValue(Object.prototype.toString.call(AbortSignal.abort()), "[object AbortSignal]");

["abort", "timeout", "any"].forEach(function (key) {
  assert.sameValue(Object.getOwnPropertyDescriptor(AbortSignal, key).enumerable, true, key + " enumerable");
});
var signal = new AbortController().signal;
["aborted", "reason", "onabort"].forEach(function (key) {
  var desc = Object.getOwnPropertyDescriptor(AbortSignal.prototype, key);
  assert.sameValue(desc.enumerable, true, key + " enumerable");
  assert.throws(TypeError, function () { desc.get.call({}); }, key + " getter on {}");
  assert.throws(TypeError, function () { desc.get.call(new EventTarget()); }, key + " getter on an EventTarget");
});
var onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "onabort");
assert.throws(TypeError, function () { onabort.set.call({}, null); }, "onabort setter on {}");
assert.throws(TypeError, function () { AbortSignal.prototype.throwIfAborted.call({}); });
var sig = Object.getOwnPropertyDescriptor(AbortController.prototype, "signal");
assert.sameValue(sig.enumerable, true);
assert.throws(TypeError, function () { sig.get.call(signal); }, "signal getter on a signal");
assert.throws(TypeError, function () { AbortController.prototype.abort.call(signal); }, "abort on a signal");
assert.sameValue(Object.getOwnPropertyDescriptor(AbortController.prototype, "abort").enumerable, true);
// EventTarget's methods work on a signal.
var hit = 0;
EventTarget.prototype.addEventListener.call(signal, "x", function () { hit++; });
signal.dispatchEvent(new Event("x"));
assert.sameValue(hit, 1);
