/*---
description: >
  An exception thrown by a listener is reported, not propagated (DOM §2.10
  "inner invoke", HTML "report an exception"): dispatchEvent returns
  normally, the listeners after it run, and then the exception is uncaught,
  as in node v20 (which rethrows it on process.nextTick and exits with 1).
negative:
  phase: runtime
  type: RangeError
---*/

var t = new EventTarget();
var log = [];
t.addEventListener("x", function () { log.push("first"); throw new RangeError("from a listener"); });
t.addEventListener("x", function () { log.push("second"); });
var result = t.dispatchEvent(new Event("x", { cancelable: true }));
// A failed assertion here would throw a Test262Error, not the RangeError.
assert.sameValue(result, true, "dispatchEvent returns normally");
assert.sameValue(log.join(), "first,second", "later listeners still run");
