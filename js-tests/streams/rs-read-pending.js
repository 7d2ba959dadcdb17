/*---
description: >
  A read made before any chunk is enqueued stays pending and is fulfilled
  by the next enqueue (the chunk skips the queue: desiredSize stays at the
  high-water mark); pending reads are settled in order.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var controller;
  var rs = new ReadableStream({ start: function (c) { controller = c; } }, { highWaterMark: 2 });
  var reader = rs.getReader();
  var log = [];
  var p1 = reader.read().then(function (r) { log.push(r.value); });
  var p2 = reader.read().then(function (r) { log.push(r.value); });
  await Promise.resolve();
  assert.compareArray(log, [], "nothing yet");
  controller.enqueue("x");
  assert.sameValue(controller.desiredSize, 2, "the chunk went to the pending read, not the queue");
  controller.enqueue("y");
  await Promise.all([p1, p2]);
  assert.compareArray(log, ["x", "y"]);
  var p3 = reader.read();
  controller.close();
  var r = await p3;
  assert.sameValue(r.done, true, "close fulfills a pending read with done");
});
