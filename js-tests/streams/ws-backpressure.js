/*---
description: >
  Backpressure (§5.5.2 WritableStreamUpdateBackpressure): desiredSize is
  highWaterMark minus the queued size; ready is pending while desiredSize
  <= 0 and fulfills when the queue drains; a new ready promise replaces
  the fulfilled one when backpressure comes back.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var finishWrite;
  var ws = new WritableStream({
    write: function () { return new Promise(function (r) { finishWrite = r; }); },
  }, { highWaterMark: 2 });
  var w = ws.getWriter();
  assert.sameValue(w.desiredSize, 2);
  var ready0 = w.ready;
  await ready0;
  w.write("a");
  assert.sameValue(w.desiredSize, 1);
  w.write("b");
  assert.sameValue(w.desiredSize, 0);
  var ready1 = w.ready;
  assert.notSameValue(ready1, ready0, "a new pending ready promise");
  var readyDone = false;
  ready1.then(function () { readyDone = true; });
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.sameValue(readyDone, false, "pending under backpressure");
  finishWrite();
  await ready1;
  assert.sameValue(w.desiredSize, 1);
  var sized = new WritableStream({}, { highWaterMark: 10, size: function (c) { return c.length; } });
  var sw = sized.getWriter();
  sw.write("abcd");
  assert.sameValue(sw.desiredSize, 6, "the size function measures chunks");
});
