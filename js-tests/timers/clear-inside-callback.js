/*---
description: >
  A timer cleared by an earlier callback never runs, even when it was due at
  the same time (HTML: clearTimeout removes the entry from the map of
  active timers).
flags: [async]
includes: [compareArray.js]
---*/

var log = [];
var later;
var sameTick;
setTimeout(function () {
  log.push("first");
  clearTimeout(sameTick);
  clearTimeout(later);
}, 0);
sameTick = setTimeout(function () { log.push("same-tick"); }, 0);
later = setTimeout(function () { log.push("later"); }, 5);
setTimeout(function () {
  try {
    assert.compareArray(log, ["first"]);
  } catch (error) {
    $DONE(error);
    return;
  }
  $DONE();
}, 30);
