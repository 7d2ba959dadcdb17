/*---
description: >
  An exception thrown by a timer callback is a run-time error of the test,
  reported after the script itself completed.
negative:
  phase: runtime
  type: RangeError
---*/

setTimeout(function () {
  throw new RangeError("from a timer");
}, 0);
