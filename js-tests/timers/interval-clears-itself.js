/*---
description: >
  setInterval repeats until cleared; clearing it from its own callback
  stops it after that run.
flags: [async]
---*/

var runs = 0;
var id = setInterval(function () {
  runs += 1;
  if (runs === 3) {
    clearInterval(id);
    setTimeout(function () {
      try {
        assert.sameValue(runs, 3, "no run after clearInterval");
      } catch (error) {
        $DONE(error);
        return;
      }
      $DONE();
    }, 30);
  }
}, 1);
