/*---
description: >
  pipeTo respects backpressure: with a destination of highWaterMark 1
  whose writes never finish, the pipe reads only what the destination
  asks for, so the source is not pulled without bound.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var pulls = 0;
  var rs = new ReadableStream({
    pull: function (c) { pulls++; c.enqueue(pulls); },
  }, { highWaterMark: 0 });
  var writes = 0;
  var ws = new WritableStream({
    write: function () { writes++; return new Promise(function () {}); },
  }, { highWaterMark: 1 });
  rs.pipeTo(ws);
  await new Promise(function (r) { setTimeout(r, 20); });
  assert.sameValue(writes, 1, "one write in flight");
  assert(pulls <= 3, "the source was pulled only a few times, not " + pulls);
});
