/*---
description: >
  Arguments after the delay are passed to the callback (HTML timer
  initialization steps: "arguments").
flags: [async]
includes: [compareArray.js]
---*/

var marker = {};
setTimeout(function () {
  try {
    assert.sameValue(arguments.length, 3, "argument count");
    assert.compareArray(Array.prototype.slice.call(arguments), ["a", 1, marker]);
  } catch (error) {
    $DONE(error);
    return;
  }
  var id = setInterval(function (x, y) {
    clearInterval(id);
    try {
      assert.sameValue(x, "i", "setInterval first extra argument");
      assert.sameValue(y, undefined, "no second extra argument");
    } catch (error) {
      $DONE(error);
      return;
    }
    $DONE();
  }, 1, "i");
}, 0, "a", 1, marker);
