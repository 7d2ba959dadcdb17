/*---
description: >
  Listener options (DOM §2.7 "flatten more"): once removes the listener
  before it runs (so a re-entrant dispatch does not run it again), passive
  makes preventDefault a no-op, signal removes the listener on abort and an
  already aborted signal adds nothing; a signal that is not an AbortSignal
  (null included) is a TypeError. Options are read in the order capture,
  once, passive, signal.
includes: [compareArray.js]
---*/

var t = new EventTarget();
var log = [];
t.addEventListener("once", function (e) {
  log.push("once");
  t.dispatchEvent(new Event("once"));
}, { once: true });
t.dispatchEvent(new Event("once"));
t.dispatchEvent(new Event("once"));
assert.compareArray(log, ["once"]);

var c = new AbortController();
log = [];
t.addEventListener("s", function () { log.push("s"); }, { signal: c.signal });
t.dispatchEvent(new Event("s"));
c.abort();
t.dispatchEvent(new Event("s"));
assert.compareArray(log, ["s"], "removed on abort");

log = [];
t.addEventListener("a", function () { log.push("a"); }, { signal: AbortSignal.abort() });
t.dispatchEvent(new Event("a"));
assert.compareArray(log, [], "aborted signal: not added");

// The same callback can be added again after its signal removed it.
var c2 = new AbortController();
function g() { log.push("g"); }
t.addEventListener("g", g, { signal: c2.signal });
c2.abort();
t.addEventListener("g", g);
t.dispatchEvent(new Event("g"));
assert.compareArray(log, ["g"]);

// Aborting from inside a listener removes the listeners not yet run.
var c3 = new AbortController();
log = [];
t.addEventListener("m", function () { log.push("m1"); c3.abort(); }, { signal: c3.signal });
t.addEventListener("m", function () { log.push("m2"); }, { signal: c3.signal });
t.dispatchEvent(new Event("m"));
assert.compareArray(log, ["m1"]);

assert.throws(TypeError, function () { t.addEventListener("x", g, { signal: null }); }, "null signal");
assert.throws(TypeError, function () { t.addEventListener("x", g, { signal: {} }); }, "plain object");
assert.throws(TypeError, function () { t.addEventListener("x", g, { signal: new AbortController() }); }, "a controller");

var read = [];
t.addEventListener("x", g, {
  get signal() { read.push("signal"); return undefined; },
  get passive() { read.push("passive"); return false; },
  get once() { read.push("once"); return false; },
  get capture() { read.push("capture"); return false; },
});
assert.compareArray(read, ["capture", "once", "passive", "signal"]);
read = [];
t.removeEventListener("x", g, {
  get once() { read.push("once"); return false; },
  get capture() { read.push("capture"); return false; },
});
assert.compareArray(read, ["capture"], "removeEventListener reads only capture");
