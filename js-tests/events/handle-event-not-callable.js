/*---
description: >
  A listener object without a callable handleEvent throws a TypeError when
  the event is dispatched (WebIDL §3.11); it is reported like any listener
  exception, after the other listeners ran.
negative:
  phase: runtime
  type: TypeError
---*/

var t = new EventTarget();
var log = [];
t.addEventListener("x", { handleEvent: 1 });
t.addEventListener("x", function () { log.push("ran"); });
assert.sameValue(t.dispatchEvent(new Event("x")), true);
assert.sameValue(log.join(), "ran");
