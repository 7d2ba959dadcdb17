/*---
description: >
  AbortSignal.abort(reason) (DOM §3.2): an already aborted signal with the
  reason, or an "AbortError" DOMException when the reason is undefined.
---*/

var s = AbortSignal.abort();
assert.sameValue(s.aborted, true);
assert.sameValue(s.reason.name, "AbortError");
assert.sameValue(s.reason.message, "This operation was aborted");
assert.sameValue(AbortSignal.abort(undefined).reason.name, "AbortError");
assert.sameValue(AbortSignal.abort(0).reason, 0);
var why = {};
assert.sameValue(AbortSignal.abort(why).reason, why);
var thrown;
try {
  s.throwIfAborted();
} catch (e) {
  thrown = e;
}
assert.sameValue(thrown, s.reason);
assert.notSameValue(AbortSignal.abort(), AbortSignal.abort(), "a new signal each time");
