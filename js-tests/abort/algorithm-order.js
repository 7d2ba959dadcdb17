/*---
description: >
  Aborting runs the internal abort algorithms (here: removing listeners
  registered with this signal) before the abort event, then the dependent
  signals' steps (DOM §3.2 "signal abort"); every dependent is already
  aborted when the source's abort listeners run.
includes: [compareArray.js]
---*/

var c = new AbortController();
var dep = AbortSignal.any([c.signal]);
var t = new EventTarget();
var log = [];
t.addEventListener("x", function () { log.push("x"); }, { signal: c.signal });
c.signal.addEventListener("abort", function () {
  log.push("abort, dependent aborted: " + dep.aborted);
  t.dispatchEvent(new Event("x"));
});
dep.addEventListener("abort", function () { log.push("dependent event"); });
c.abort();
assert.compareArray(log, ["abort, dependent aborted: true", "dependent event"]);
