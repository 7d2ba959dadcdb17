/*---
description: >
  The global object is an EventTarget, as in deno and browsers (HTML: the
  Window/WorkerGlobalScope interfaces inherit EventTarget):
  addEventListener, removeEventListener and dispatchEvent work on
  globalThis and called bare (WebIDL §3.7.6: a null or undefined this is
  the global object), and an event dispatched there has globalThis as its
  target. Checked on deno 2 (node v20's global is not an EventTarget).
---*/

assert(globalThis instanceof EventTarget, "globalThis instanceof EventTarget");
assert.sameValue(typeof addEventListener, "function", "addEventListener is a global");
assert.sameValue(globalThis.addEventListener, EventTarget.prototype.addEventListener, "the EventTarget method");
assert.sameValue(globalThis.dispatchEvent, EventTarget.prototype.dispatchEvent, "dispatchEvent");

var log = [];
function onPing(event) {
  log.push(event.type + ":" + (event.target === globalThis) + ":" + (event.currentTarget === globalThis) + ":" + (this === globalThis));
}
addEventListener("ping", onPing);
assert.sameValue(dispatchEvent(new Event("ping")), true, "not canceled");
assert.sameValue(globalThis.dispatchEvent(new Event("ping")), true, "through globalThis");
assert.sameValue(log.join(), "ping:true:true:true,ping:true:true:true", "the listener ran with the global as target and this");

removeEventListener("ping", onPing);
dispatchEvent(new Event("ping"));
assert.sameValue(log.length, 2, "removed listeners do not run");

globalThis.addEventListener("cancel-me", function (e) { e.preventDefault(); }, { once: true });
assert.sameValue(dispatchEvent(new Event("cancel-me", { cancelable: true })), false, "a canceled event");
assert.sameValue(dispatchEvent(new Event("cancel-me", { cancelable: true })), true, "once: the listener is gone");

assert.throws(TypeError, function () { EventTarget.prototype.addEventListener.call({}, "x", function () {}); }, "another object is still brand-checked");
assert.throws(TypeError, function () { addEventListener("x"); }, "two arguments required");
