/*---
description: >
  Event and CustomEvent as WebIDL interfaces: phase constants on the
  constructor and the prototype, enumerable members, Symbol.toStringTag,
  function lengths, brand checks on every member, and isTrusted as an own
  [LegacyUnforgeable] accessor (WebIDL §3.7.6; node and Deno put it on the
  prototype, this follows the spec).
includes: [propertyHelper.js]
---*/

[Event, Event.prototype].forEach(function (o) {
  verifyProperty(o, "NONE", { value: 0, writable: false, enumerable: true, configurable: false });
  verifyProperty(o, "CAPTURING_PHASE", { value: 1, writable: false, enumerable: true, configurable: false });
  verifyProperty(o, "AT_TARGET", { value: 2, writable: false, enumerable: true, configurable: false });
  verifyProperty(o, "BUBBLING_PHASE", { value: 3, writable: false, enumerable: true, configurable: false });
});
assert.sameValue(Event.length, 1, "Event.length");
assert.sameValue(CustomEvent.length, 1, "CustomEvent.length");
assert.sameValue(Event.prototype.initEvent.length, 1, "initEvent.length");
assert.sameValue(CustomEvent.prototype.initCustomEvent.length, 1, "initCustomEvent.length");
assert.sameValue(Event.prototype.composedPath.length, 0);
assert.sameValue(Object.getPrototypeOf(CustomEvent), Event, "CustomEvent extends Event");
assert.sameValue(Object.getPrototypeOf(CustomEvent.prototype), Event.prototype);
assert.sameValue(Object.prototype.toString.call(new Event("x")), "[object Event]");
assert.sameValue(Object.prototype.toString.call(new CustomEvent("x")), "[object CustomEvent]");

var getters = ["type", "target", "srcElement", "currentTarget", "eventPhase", "cancelBubble",
  "bubbles", "cancelable", "returnValue", "defaultPrevented", "composed", "timeStamp"];
getters.forEach(function (key) {
  var desc = Object.getOwnPropertyDescriptor(Event.prototype, key);
  assert.sameValue(typeof desc.get, "function", key + " is an accessor");
  assert.sameValue(desc.enumerable, true, key + " enumerable");
  assert.sameValue(desc.configurable, true, key + " configurable");
  assert.throws(TypeError, function () { desc.get.call({}); }, key + " getter on {}");
});
["cancelBubble", "returnValue"].forEach(function (key) {
  var set = Object.getOwnPropertyDescriptor(Event.prototype, key).set;
  assert.throws(TypeError, function () { set.call({}, true); }, key + " setter on {}");
});
["composedPath", "stopPropagation", "stopImmediatePropagation", "preventDefault", "initEvent"].forEach(function (key) {
  assert.sameValue(Object.getOwnPropertyDescriptor(Event.prototype, key).enumerable, true, key + " enumerable");
  assert.throws(TypeError, function () { Event.prototype[key].call({}, "x"); }, key + " on {}");
});
var detail = Object.getOwnPropertyDescriptor(CustomEvent.prototype, "detail");
assert.sameValue(detail.enumerable, true);
assert.throws(TypeError, function () { detail.get.call(new Event("x")); }, "detail on an Event");
assert.throws(TypeError, function () { CustomEvent.prototype.initCustomEvent.call(new Event("x"), "y"); });
assert.sameValue(Object.getOwnPropertyDescriptor(Event.prototype, "isTrusted"), undefined,
  "isTrusted is not on the prototype");

var a = new Event("a");
var b = new CustomEvent("b");
var da = Object.getOwnPropertyDescriptor(a, "isTrusted");
var db = Object.getOwnPropertyDescriptor(b, "isTrusted");
assert.sameValue(typeof da.get, "function");
assert.sameValue(da.set, undefined);
assert.sameValue(da.enumerable, true);
assert.sameValue(da.configurable, false);
assert.sameValue(da.get, db.get, "one getter for every instance");
assert.sameValue(da.get.name, "get isTrusted");
assert.throws(TypeError, function () { da.get.call({}); }, "isTrusted getter brand check");
assert.throws(TypeError, function () {
  "use strict";
  a.isTrusted = true;
}, "no setter");
assert.throws(TypeError, function () { Object.defineProperty(a, "isTrusted", { value: true }); }, "not configurable");
