/*---
description: >
  Canceling (DOM §2.2): preventDefault and returnValue = false set the
  canceled flag only for a cancelable event outside a passive listener;
  dispatchEvent returns !defaultPrevented; cancelBubble and
  stopPropagation; initEvent resets the flags, and is ignored while the
  event is dispatched.
---*/

var t = new EventTarget();
t.addEventListener("c", function (e) { e.preventDefault(); });
assert.sameValue(t.dispatchEvent(new Event("c")), true, "not cancelable");
var c = new Event("c", { cancelable: true });
assert.sameValue(t.dispatchEvent(c), false, "canceled");
assert.sameValue(c.defaultPrevented, true);
assert.sameValue(c.returnValue, false);

var r = new Event("r", { cancelable: true });
r.returnValue = true;
assert.sameValue(r.defaultPrevented, false, "returnValue = true does nothing");
r.returnValue = false;
assert.sameValue(r.defaultPrevented, true, "returnValue = false cancels");
r.returnValue = true;
assert.sameValue(r.defaultPrevented, true, "and cannot be undone");

var p = new Event("p", { cancelable: true });
var seen;
t.addEventListener("p", function (e) { e.preventDefault(); seen = e.defaultPrevented; }, { passive: true });
assert.sameValue(t.dispatchEvent(p), true, "preventDefault ignored in a passive listener");
assert.sameValue(seen, false);
t.addEventListener("p", function (e) { e.returnValue = false; });
assert.sameValue(t.dispatchEvent(p), false, "a non-passive listener after a passive one cancels");

var b = new Event("b");
b.cancelBubble = false;
assert.sameValue(b.cancelBubble, false);
b.cancelBubble = true;
assert.sameValue(b.cancelBubble, true);
b.cancelBubble = false;
assert.sameValue(b.cancelBubble, true, "setting false does nothing");
var s = new Event("s");
s.stopPropagation();
assert.sameValue(s.cancelBubble, true);

var i = new Event("i", { cancelable: true });
i.preventDefault();
i.stopImmediatePropagation();
i.initEvent("j", true, true);
assert.sameValue(i.type, "j");
assert.sameValue(i.bubbles, true);
assert.sameValue(i.defaultPrevented, false, "initEvent clears canceled");
assert.sameValue(i.cancelBubble, false, "initEvent clears stop propagation");
i.initEvent("k");
assert.sameValue(i.bubbles, false, "bubbles defaults to false");
assert.throws(TypeError, function () { i.initEvent(); });

var d = new Event("d");
t.addEventListener("d", function (e) { e.initEvent("changed", true, true); });
t.dispatchEvent(d);
assert.sameValue(d.type, "d", "initEvent ignored while dispatching");
