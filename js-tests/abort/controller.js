/*---
description: >
  AbortController (DOM §3.1): one signal, abort(reason) aborts it once
  (later calls change nothing), the default reason is an "AbortError"
  DOMException with node's message, an explicit undefined reason is the
  default too; the abort event is trusted, not cancelable, fired once
  after the signal is aborted.
includes: [compareArray.js]
---*/

var c = new AbortController();
var s = c.signal;
assert.sameValue(c.signal, s, "same signal each time");
assert(s instanceof AbortSignal);
assert(s instanceof EventTarget);
assert.sameValue(s.aborted, false);
assert.sameValue(s.reason, undefined);
s.throwIfAborted();

var events = [];
s.addEventListener("abort", function (e) {
  events.push([e.type, e.isTrusted, e.cancelable, e.bubbles, e.target === s, s.aborted]);
});
c.abort();
assert.sameValue(s.aborted, true);
assert(s.reason instanceof DOMException, "default reason is a DOMException");
assert.sameValue(s.reason.name, "AbortError");
assert.sameValue(s.reason.message, "This operation was aborted");
assert.sameValue(s.reason.code, 20);
var first = s.reason;
c.abort("again");
assert.sameValue(s.reason, first, "abort is a one-shot");
assert.sameValue(events.length, 1, "one event");
assert.compareArray(events[0], ["abort", true, false, false, true, true]);

var c2 = new AbortController();
c2.abort(undefined);
assert.sameValue(c2.signal.reason.name, "AbortError", "undefined is the default reason");
var c3 = new AbortController();
c3.abort(null);
assert.sameValue(c3.signal.reason, null, "null is a reason");
var c4 = new AbortController();
var why = new Error("why");
c4.abort(why);
assert.sameValue(c4.signal.reason, why);
try {
  c4.signal.throwIfAborted();
  throw new Test262Error("throwIfAborted did not throw");
} catch (e) {
  assert.sameValue(e, why, "throwIfAborted throws the reason");
}
