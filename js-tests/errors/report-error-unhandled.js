/*---
description: >
  reportError(e) with no listener canceling the error event is an uncaught
  exception (HTML §8.1.4.7 "report an exception": the default action),
  reported after the listeners ran. The script still runs to its end as
  node does after a listener's exception; deno 2 stops it at once (Boa has
  no way to terminate a running script), with the same exit status.
negative:
  phase: runtime
  type: RangeError
---*/

var ran = false;
addEventListener("error", function () { ran = true; });
reportError(new RangeError("nobody handles this"));
// A failed assertion would throw a Test262Error, not the RangeError.
assert.sameValue(ran, true, "the listener saw it");
