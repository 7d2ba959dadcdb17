/*---
description: >
  Writes reach the sink one at a time in order, each after the previous
  write's promise settles; the write promises fulfill in order with
  undefined; the sink's write gets (chunk, controller).
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var inFlight = 0;
  var controllerSeen;
  var ws = new WritableStream({
    write: function (chunk, c) {
      controllerSeen = c;
      inFlight++;
      assert.sameValue(inFlight, 1, "one write at a time");
      log.push("start " + chunk);
      return new Promise(function (resolve) {
        setTimeout(function () { log.push("end " + chunk); inFlight--; resolve("ignored"); }, 1);
      });
    },
  });
  var w = ws.getWriter();
  var done = [];
  var ps = ["a", "b", "c"].map(function (x) {
    return w.write(x).then(function (v) { done.push(x); assert.sameValue(v, undefined); });
  });
  await Promise.all(ps);
  assert.compareArray(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
  assert.compareArray(done, ["a", "b", "c"]);
  assert(controllerSeen instanceof WritableStreamDefaultController);
});
