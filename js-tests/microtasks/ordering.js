/*---
description: >
  queueMicrotask callbacks and promise reactions share one FIFO queue, and
  the whole queue drains before any timer (HTML "queue a microtask",
  ECMA-262 HostEnqueuePromiseJob).
flags: [async]
includes: [compareArray.js]
---*/

var log = [];
setTimeout(function () {
  log.push("timeout");
  try {
    assert.compareArray(log, ["sync", "q1", "p1", "q2", "q1-nested", "p1-chained", "timeout"]);
  } catch (error) {
    $DONE(error);
    return;
  }
  $DONE();
}, 0);
queueMicrotask(function () {
  log.push("q1");
  queueMicrotask(function () { log.push("q1-nested"); });
});
Promise.resolve().then(function () {
  log.push("p1");
}).then(function () {
  log.push("p1-chained");
});
queueMicrotask(function () { log.push("q2"); });
log.push("sync");
