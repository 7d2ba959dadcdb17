/*---
description: >
  Timers run after the microtask checkpoint of the script that scheduled
  them; microtasks (queueMicrotask, promise reactions, async continuations)
  run in FIFO order; timers with equal delays run in creation order
  (HTML "timer initialization steps" and "perform a microtask checkpoint").
  The expected order is node v20's output for the same code.
flags: [async]
includes: [compareArray.js]
---*/

var log = [];

setTimeout(function () {
  log.push("t10");
  try {
    assert.compareArray(log, [
      "async-start", "sync-end", "micro1", "p1",
      "async-after-await", "p2", "t0a", "t0b", "t10"
    ]);
  } catch (error) {
    $DONE(error);
    return;
  }
  $DONE();
}, 10);
setTimeout(function () { log.push("t0a"); }, 0);
setTimeout(function () { log.push("t0b"); }, 0);

(async function () {
  log.push("async-start");
  // Awaiting a thenable takes two microtask turns: one to call its then,
  // one to resume.
  await { then: function (resolve) { resolve(); } };
  log.push("async-after-await");
})();

queueMicrotask(function () { log.push("micro1"); });
Promise.resolve()
  .then(function () { log.push("p1"); })
  .then(function () { log.push("p2"); });

log.push("sync-end");
