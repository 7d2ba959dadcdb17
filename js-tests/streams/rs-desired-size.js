/*---
description: >
  ReadableStreamDefaultController.desiredSize is highWaterMark minus the
  queue's total size, 0 once closed, null once errored; the size function
  of the strategy measures each chunk.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } }, {
    highWaterMark: 10,
    size: function (chunk) { return chunk.length; },
  });
  assert.sameValue(c.desiredSize, 10);
  c.enqueue("abc");
  assert.sameValue(c.desiredSize, 7);
  c.enqueue("defgh");
  assert.sameValue(c.desiredSize, 2);
  c.enqueue("xyz");
  assert.sameValue(c.desiredSize, -1, "may go negative");
  var reader = rs.getReader();
  await reader.read();
  assert.sameValue(c.desiredSize, 2);
  c.close();
  assert.sameValue(c.desiredSize, 2, "close requested, chunks still queued");
  await reader.read();
  await reader.read();
  assert.sameValue(c.desiredSize, 0, "closed");
  var c2;
  new ReadableStream({ start: function (ctl) { c2 = ctl; } }).getReader();
  c2.error(new Error("x"));
  assert.sameValue(c2.desiredSize, null, "errored");
  var c3;
  new ReadableStream({ start: function (ctl) { c3 = ctl; } });
  assert.sameValue(c3.desiredSize, 1, "default highWaterMark is 1");
});
