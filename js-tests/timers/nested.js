/*---
description: >
  A timer scheduled from a timer callback runs after the timers that were
  already due, and its microtasks run before the next timer.
flags: [async]
includes: [compareArray.js]
---*/

var log = [];
setTimeout(function () {
  log.push("outer");
  setTimeout(function () {
    log.push("inner");
    Promise.resolve().then(function () { log.push("inner-micro"); });
    setTimeout(function () {
      log.push("innermost");
      try {
        assert.compareArray(log, ["outer", "outer-micro", "sibling", "inner", "inner-micro", "innermost"]);
      } catch (error) {
        $DONE(error);
        return;
      }
      $DONE();
    }, 0);
  }, 0);
  Promise.resolve().then(function () { log.push("outer-micro"); });
}, 0);
setTimeout(function () { log.push("sibling"); }, 0);
