/*---
description: >
  A listener object's handleEvent is looked up at each dispatch and called
  with the object as this (WebIDL §3.11 "call a user object's operation");
  a function listener gets the current target as this, even if it has a
  handleEvent property. Identity for duplicates is the object.
includes: [compareArray.js]
---*/

var t = new EventTarget();
var log = [];
var listener = {
  handleEvent: function (e) { log.push(["first", this === listener, e.type]); },
};
t.addEventListener("x", listener);
t.addEventListener("x", listener);
t.dispatchEvent(new Event("x"));
listener.handleEvent = function () { log.push(["second", this === listener]); };
t.dispatchEvent(new Event("x"));
assert.sameValue(log.length, 2);
assert.compareArray(log[0], ["first", true, "x"]);
assert.compareArray(log[1], ["second", true]);

log = [];
function fn() { log.push(this === t ? "target" : "other"); }
fn.handleEvent = function () { log.push("handleEvent"); };
t.addEventListener("f", fn);
t.dispatchEvent(new Event("f"));
assert.compareArray(log, ["target"]);

log = [];
var getterCalls = 0;
var lazy = {};
Object.defineProperty(lazy, "handleEvent", {
  get: function () { getterCalls++; return function () { log.push("lazy"); }; },
});
t.addEventListener("l", lazy);
assert.sameValue(getterCalls, 0, "not read when added");
t.dispatchEvent(new Event("l"));
t.dispatchEvent(new Event("l"));
assert.sameValue(getterCalls, 2, "read at each dispatch");
assert.compareArray(log, ["lazy", "lazy"]);
t.removeEventListener("l", lazy);
t.dispatchEvent(new Event("l"));
assert.sameValue(getterCalls, 2);
