/*---
description: >
  AbortSignal.timeout(ms) (DOM §3.2) aborts after ms with a "TimeoutError"
  DOMException (node's message) and fires abort once.
flags: [async]
---*/

var s = AbortSignal.timeout(10);
var events = 0;
s.addEventListener("abort", function (e) { events++; });
assert.sameValue(s.aborted, false);
setTimeout(function () {
  try {
    assert.sameValue(s.aborted, true);
    assert(s.reason instanceof DOMException);
    assert.sameValue(s.reason.name, "TimeoutError");
    assert.sameValue(s.reason.message, "The operation was aborted due to timeout");
    assert.sameValue(s.reason.code, 23);
    assert.sameValue(events, 1);
  } catch (error) {
    $DONE(error);
    return;
  }
  $DONE();
}, 50);
