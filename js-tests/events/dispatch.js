/*---
description: >
  dispatchEvent without a tree (DOM §2.9): target, currentTarget and
  eventPhase AT_TARGET in listeners, composedPath() is [target] during
  dispatch, capture listeners run before the others at the target (each
  group in registration order; node v20 runs them all in registration
  order, this follows the spec), `this` is the target, the event keeps its
  target afterwards, and the same event can be dispatched again.
includes: [compareArray.js]
---*/

var t = new EventTarget();
var log = [];
var seen = [];
t.addEventListener("x", function (e) {
  log.push("bubble1");
  seen.push([this === t, e.target === t, e.currentTarget === t, e.srcElement === t, e.eventPhase,
    e.composedPath().length === 1 && e.composedPath()[0] === t]);
});
t.addEventListener("x", function () { log.push("capture1"); }, true);
t.addEventListener("x", function () { log.push("bubble2"); });
t.addEventListener("x", function () { log.push("capture2"); }, { capture: true });
t.addEventListener("other", function () { log.push("other"); });
var e = new Event("x");
assert.sameValue(t.dispatchEvent(e), true);
assert.compareArray(log, ["capture1", "capture2", "bubble1", "bubble2"]);
assert.compareArray(seen[0], [true, true, true, true, Event.AT_TARGET, true]);
assert.sameValue(e.target, t, "target kept after dispatch");
assert.sameValue(e.currentTarget, null, "currentTarget cleared");
assert.sameValue(e.eventPhase, Event.NONE);
assert.compareArray(e.composedPath(), []);
assert.sameValue(e.isTrusted, false);

log = [];
assert.sameValue(t.dispatchEvent(e), true, "an event can be dispatched again");
assert.compareArray(log, ["capture1", "capture2", "bubble1", "bubble2"]);

// A dispatch without listeners of that type still sets the target.
var lonely = new Event("none");
t.dispatchEvent(lonely);
assert.sameValue(lonely.target, t);

// stopImmediatePropagation stops the listeners after it; stopPropagation
// does not (there is no other target).
log = [];
var u = new EventTarget();
u.addEventListener("s", function (ev) { log.push("a"); ev.stopPropagation(); });
u.addEventListener("s", function () { log.push("b"); });
u.addEventListener("i", function (ev) { log.push("c"); ev.stopImmediatePropagation(); });
u.addEventListener("i", function () { log.push("d"); });
u.dispatchEvent(new Event("s"));
u.dispatchEvent(new Event("i"));
assert.compareArray(log, ["a", "b", "c"]);

// stopPropagation before dispatch: no listener runs, the flag is cleared after.
log = [];
var early = new Event("s");
early.stopPropagation();
u.dispatchEvent(early);
assert.compareArray(log, []);
assert.sameValue(early.cancelBubble, false, "flag cleared after dispatch");
