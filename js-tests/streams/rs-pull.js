/*---
description: >
  pull is called after start settles and then whenever the queue is below
  the high-water mark or a read is pending; never again while its promise
  is pending; once more (pullAgain) if asked during a pull.
includes: [asyncHelpers.js]
flags: [async]
---*/
function tick() { return new Promise(function (r) { setTimeout(r, 0); }); }
asyncTest(async function () {
  var pulls = 0;
  var resolvePull;
  var rs = new ReadableStream({
    pull: function (c) {
      pulls++;
      c.enqueue(pulls);
      return new Promise(function (r) { resolvePull = r; });
    },
  }, { highWaterMark: 4 });
  assert.sameValue(pulls, 0, "not before start settles");
  await tick();
  assert.sameValue(pulls, 1, "pulled once after start");
  await tick();
  assert.sameValue(pulls, 1, "not again while the pull promise is pending");
  resolvePull();
  await tick();
  assert.sameValue(pulls, 2, "pulled again: the queue is below the high-water mark");

  var pulls0 = 0;
  var rs0 = new ReadableStream({ pull: function (c) { pulls0++; c.enqueue(pulls0); } }, { highWaterMark: 0 });
  await tick();
  assert.sameValue(pulls0, 0, "highWaterMark 0: no pull without a read");
  var r = await rs0.getReader().read();
  assert.sameValue(r.value, 1);
  assert.sameValue(pulls0, 1);
  void rs;
});
