/*---
description: >
  EventTarget as a WebIDL interface: constructible and subclassable,
  enumerable methods with lengths 2, 2, 1, Symbol.toStringTag, brand checks,
  the globals are non-enumerable, writable and configurable like other
  interface objects.
includes: [compareArray.js]
---*/

assert.sameValue(EventTarget.length, 0);
var proto = EventTarget.prototype;
assert.sameValue(proto.addEventListener.length, 2);
assert.sameValue(proto.removeEventListener.length, 2);
assert.sameValue(proto.dispatchEvent.length, 1);
["addEventListener", "removeEventListener", "dispatchEvent"].forEach(function (key) {
  var desc = Object.getOwnPropertyDescriptor(proto, key);
  assert.sameValue(desc.enumerable, true, key + " enumerable");
  assert.sameValue(desc.writable, true, key + " writable");
  assert.throws(TypeError, function () { proto[key].call({}, "x", function () {}); }, key + " on {}");
  assert.throws(TypeError, function () { proto[key].call(new Event("x"), "x", function () {}); }, key + " on an Event");
});
assert.sameValue(Object.prototype.toString.call(new EventTarget()), "[object EventTarget]");
assert.throws(TypeError, function () { EventTarget(); }, "call without new");

class Emitter extends EventTarget {
  constructor() {
    super();
    this.count = 0;
  }
  ping() {
    this.dispatchEvent(new CustomEvent("ping", { detail: ++this.count }));
  }
}
var em = new Emitter();
var details = [];
em.addEventListener("ping", function (e) { details.push(e.detail, e.target === em); });
em.ping();
em.ping();
assert.compareArray(details, [1, true, 2, true]);
assert(em instanceof EventTarget);

["Event", "CustomEvent", "EventTarget", "AbortController", "AbortSignal"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.sameValue(desc.enumerable, false, name + " not enumerable");
  assert.sameValue(desc.configurable, true, name + " configurable");
  assert.sameValue(typeof globalThis[name], "function", name);
  assert.sameValue(globalThis[name].name, name, name + ".name");
});
