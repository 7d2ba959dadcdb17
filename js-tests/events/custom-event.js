/*---
description: >
  CustomEvent (DOM §2.4): detail defaults to null, init members are read
  inherited first (bubbles, cancelable, composed) then detail;
  initCustomEvent re-initializes an event that is not being dispatched and
  is ignored during dispatch.
includes: [compareArray.js]
---*/

assert.sameValue(new CustomEvent("x").detail, null, "detail defaults to null");
assert.sameValue(new CustomEvent("x", { detail: undefined }).detail, null, "undefined detail is null");
var obj = {};
var e = new CustomEvent("x", { detail: obj, cancelable: true });
assert.sameValue(e.detail, obj);
assert.sameValue(e.cancelable, true);
assert(e instanceof Event, "a CustomEvent is an Event");

var read = [];
new CustomEvent("x", {
  get detail() { read.push("detail"); return 1; },
  get composed() { read.push("composed"); return false; },
  get cancelable() { read.push("cancelable"); return false; },
  get bubbles() { read.push("bubbles"); return false; },
});
assert.compareArray(read, ["bubbles", "cancelable", "composed", "detail"]);

e.preventDefault();
assert.sameValue(e.defaultPrevented, true);
e.initCustomEvent("y", true, false, 5);
assert.sameValue(e.type, "y");
assert.sameValue(e.bubbles, true);
assert.sameValue(e.cancelable, false);
assert.sameValue(e.detail, 5);
assert.sameValue(e.defaultPrevented, false, "initCustomEvent clears the canceled flag");
e.initCustomEvent("z");
assert.sameValue(e.detail, null, "detail defaults to null");
assert.throws(TypeError, function () { e.initCustomEvent(); }, "type is required");

var t = new EventTarget();
var during = new CustomEvent("d", { detail: 1 });
t.addEventListener("d", function (ev) {
  ev.initCustomEvent("other", true, true, 2);
});
t.dispatchEvent(during);
assert.sameValue(during.type, "d", "ignored while dispatching");
assert.sameValue(during.detail, 1);
assert.throws(TypeError, function () { new CustomEvent(); });
assert.throws(TypeError, function () { new CustomEvent("x", "str"); });
