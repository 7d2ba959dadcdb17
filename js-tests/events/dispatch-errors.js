/*---
description: >
  dispatchEvent errors (DOM §2.7): an event being dispatched throws an
  InvalidStateError DOMException, a non-Event argument or none is a
  TypeError, and a wrong receiver is a TypeError.
---*/

var t = new EventTarget();
var other = new EventTarget();
var e = new Event("x");
var inner;
t.addEventListener("x", function () {
  try {
    other.dispatchEvent(e);
  } catch (err) {
    inner = err;
  }
});
assert.sameValue(t.dispatchEvent(e), true);
assert(inner instanceof DOMException, "a DOMException");
assert.sameValue(inner.name, "InvalidStateError");
assert.sameValue(inner.code, 11);

assert.throws(TypeError, function () { t.dispatchEvent(); }, "no argument");
assert.throws(TypeError, function () { t.dispatchEvent({ type: "x" }); }, "not an Event");
assert.throws(TypeError, function () { t.dispatchEvent("x"); }, "a string");
assert.throws(TypeError, function () { EventTarget.prototype.dispatchEvent.call({}, new Event("x")); }, "wrong this");
assert.sameValue(other.dispatchEvent(e), true, "usable again after the dispatch");
