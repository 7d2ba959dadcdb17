/*---
description: >
  A microtask callback is called with no arguments and an undefined this
  (HTML queueMicrotask: "invoke callback with « » and 'report'").
flags: [async, onlyStrict]
---*/

queueMicrotask(function () {
  try {
    assert.sameValue(arguments.length, 0, "no arguments");
    assert.sameValue(this, undefined, "this is undefined in strict code");
  } catch (error) {
    $DONE(error);
    return;
  }
  $DONE();
});
