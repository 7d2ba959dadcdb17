/*---
description: >
  addEventListener and removeEventListener (DOM §2.7): duplicates by
  (type, callback, capture) are ignored, null and undefined callbacks are
  ignored, a non-object callback is a TypeError, both need two arguments,
  options may be a boolean or a dictionary, capture must match to remove,
  listeners added during a dispatch do not run in it and listeners removed
  during it do not run.
includes: [compareArray.js]
---*/

var t = new EventTarget();
var log = [];
function f() { log.push("f"); }
t.addEventListener("x", f);
t.addEventListener("x", f);
t.addEventListener("x", f, false);
t.addEventListener("x", f, { capture: false, once: true });
t.addEventListener("x", f, true);
t.dispatchEvent(new Event("x"));
assert.compareArray(log, ["f", "f"], "one non-capture and one capture registration");

t.addEventListener("x", null);
t.addEventListener("x", undefined);
assert.throws(TypeError, function () { t.addEventListener("x", 1); }, "number callback");
assert.throws(TypeError, function () { t.addEventListener("x", "f"); }, "string callback");
assert.throws(TypeError, function () { t.addEventListener("x"); }, "callback argument required");
assert.throws(TypeError, function () { t.removeEventListener("x"); }, "callback argument required");
assert.throws(TypeError, function () { t.removeEventListener("x", 1); }, "number callback");
t.removeEventListener("x", null);

log = [];
t.removeEventListener("x", f, true);
t.dispatchEvent(new Event("x"));
assert.compareArray(log, ["f"], "capture listener removed");
t.removeEventListener("x", f, { capture: true });
log = [];
t.dispatchEvent(new Event("x"));
assert.compareArray(log, ["f"], "capture must match");
t.removeEventListener("x", f, {});
log = [];
t.dispatchEvent(new Event("x"));
assert.compareArray(log, [], "removed");

// A non-boolean primitive option is converted to boolean capture.
t.addEventListener("y", f, "yes");
log = [];
t.removeEventListener("y", f, 1);
t.dispatchEvent(new Event("y"));
assert.compareArray(log, [], "'yes' and 1 both mean capture");

// Changes during dispatch.
var u = new EventTarget();
log = [];
function late() { log.push("late"); }
function second() { log.push("second"); }
u.addEventListener("z", function () {
  log.push("first");
  u.addEventListener("z", late);
  u.removeEventListener("z", second);
});
u.addEventListener("z", second);
u.dispatchEvent(new Event("z"));
assert.compareArray(log, ["first"], "added not run, removed not run");
log = [];
u.dispatchEvent(new Event("z"));
assert.compareArray(log, ["first", "late"]);

// Types are case-sensitive strings.
var v = new EventTarget();
log = [];
v.addEventListener(1, function () { log.push("one"); });
v.dispatchEvent(new Event("1"));
v.dispatchEvent(new Event("X"));
assert.compareArray(log, ["one"]);
