/*---
description: >
  An exception in an abort listener is reported, not thrown by abort():
  the other listeners run and abort() returns; then the error is uncaught.
negative:
  phase: runtime
  type: SyntaxError
---*/

var c = new AbortController();
var log = [];
c.signal.onabort = function () { throw new SyntaxError("from onabort"); };
c.signal.addEventListener("abort", function () { log.push("listener"); });
c.abort();
assert.sameValue(log.join(), "listener");
assert.sameValue(c.signal.aborted, true);
