/*---
description: >
  The event interfaces can be subclassed (WebIDL §3.7.1 interface objects,
  ECMA-262 GetPrototypeFromConstructor): instances of a subclass of Event,
  CustomEvent, EventTarget and AbortController have the subclass's
  prototype and the parent's behaviour, the interface objects inherit as
  the IDL says (CustomEvent from Event, AbortSignal from EventTarget), and
  calling a constructor without new is a TypeError. Expected values from
  node v20.
---*/

class Ping extends Event {
  constructor(extra) {
    super("ping", { cancelable: true });
    this.extra = extra;
  }
}
var ping = new Ping(7);
assert(ping instanceof Ping, "instance of the subclass");
assert(ping instanceof Event, "instance of Event");
assert.sameValue(Object.getPrototypeOf(ping), Ping.prototype);
assert.sameValue(ping.type, "ping");
assert.sameValue(ping.cancelable, true);
assert.sameValue(ping.extra, 7);

class Detailed extends CustomEvent {}
var detailed = new Detailed("d", { detail: { n: 1 } });
assert.sameValue(detailed.detail.n, 1);
assert(detailed instanceof CustomEvent && detailed instanceof Event, "CustomEvent chain");

class Bus extends EventTarget {
  emit(type) {
    return this.dispatchEvent(new Ping(type));
  }
}
var bus = new Bus();
var seen = [];
bus.addEventListener("ping", function (event) {
  seen.push(this === bus, event.extra, event.target === bus);
  event.preventDefault();
});
assert.sameValue(bus.emit("x"), false, "canceled by the listener");
assert.sameValue(seen.join(), "true,x,true");

class Controller extends AbortController {}
var controller = new Controller();
assert(controller.signal instanceof AbortSignal, "signal of a subclass");
controller.abort("why");
assert.sameValue(controller.signal.reason, "why");

assert.sameValue(Object.getPrototypeOf(CustomEvent), Event);
assert.sameValue(Object.getPrototypeOf(CustomEvent.prototype), Event.prototype);
assert.sameValue(Object.getPrototypeOf(AbortSignal), EventTarget);
assert.sameValue(Object.getPrototypeOf(AbortSignal.prototype), EventTarget.prototype);
// ErrorEvent is not in node v20; deno agrees.
assert.sameValue(Object.getPrototypeOf(ErrorEvent.prototype), Event.prototype);

assert.throws(TypeError, function () { Event("x"); }, "Event without new");
assert.throws(TypeError, function () { EventTarget(); }, "EventTarget without new");
assert.throws(TypeError, function () { AbortController(); }, "AbortController without new");
assert.throws(TypeError, function () { new AbortSignal(); }, "AbortSignal has no constructor");

// A NewTarget whose prototype is not an object: WebIDL §3.7.1 ("internally
// create a new object implementing the interface") falls back to the
// interface prototype object; node and deno, whose classes are JavaScript
// classes, fall back to Object.prototype. This follows the spec.
function Plain() {}
Plain.prototype = 5;
var made = Reflect.construct(Event, ["r"], Plain);
assert.sameValue(Object.getPrototypeOf(made), Event.prototype);
assert.sameValue(made.type, "r");
