/*---
description: >
  An exception thrown by an error listener is not offered to the error
  listeners again (HTML "error reporting mode"): it is uncaught and takes
  the place of the error being reported, as in deno 2.
negative:
  phase: runtime
  type: TypeError
---*/

var calls = 0;
addEventListener("error", function () {
  calls++;
  if (calls > 1) throw new Error("reported twice");
  throw new TypeError("from the listener");
});
setTimeout(function () { throw new RangeError("from a timer"); }, 0);
