/*---
description: >
  new Event(type, init) (DOM §2.2, §2.5): type is converted with ToString,
  EventInit members default to false, an Event starts unused (no target,
  phase NONE, not canceled) and timeStamp is a performance.now() time.
  Missing type or a non-object init is a TypeError; calling Event without
  new is a TypeError.
includes: [compareArray.js]
---*/

var before = performance.now();
var e = new Event("hello");
var after = performance.now();
assert.sameValue(e.type, "hello");
assert.sameValue(e.bubbles, false);
assert.sameValue(e.cancelable, false);
assert.sameValue(e.composed, false);
assert.sameValue(e.target, null);
assert.sameValue(e.currentTarget, null);
assert.sameValue(e.srcElement, null);
assert.sameValue(e.eventPhase, Event.NONE);
assert.sameValue(e.defaultPrevented, false);
assert.sameValue(e.returnValue, true);
assert.sameValue(e.cancelBubble, false);
assert.sameValue(e.isTrusted, false);
assert.compareArray(e.composedPath(), []);
assert.sameValue(typeof e.timeStamp, "number");
assert(e.timeStamp >= before && e.timeStamp <= after, "timeStamp between two performance.now() reads");

var f = new Event(42, { bubbles: 1, cancelable: "yes", composed: {} });
assert.sameValue(f.type, "42", "ToString(type)");
assert.sameValue(f.bubbles, true);
assert.sameValue(f.cancelable, true);
assert.sameValue(f.composed, true);
assert.sameValue(new Event("x", null).bubbles, false, "null init is an empty dictionary");
assert.sameValue(new Event("x", undefined).cancelable, false);

// Members are read in lexicographic order, once each.
var read = [];
new Event("x", {
  get composed() { read.push("composed"); return false; },
  get cancelable() { read.push("cancelable"); return false; },
  get bubbles() { read.push("bubbles"); return false; },
});
assert.compareArray(read, ["bubbles", "cancelable", "composed"]);

assert.throws(TypeError, function () { new Event(); }, "type is required");
assert.throws(TypeError, function () { new Event("x", 1); }, "init must be an object");
assert.throws(TypeError, function () { new Event(Symbol("s")); }, "a Symbol type");
assert.throws(TypeError, function () { Event("x"); }, "call without new");
