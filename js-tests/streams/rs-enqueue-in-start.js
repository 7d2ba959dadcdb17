/*---
description: >
  Chunks enqueued in start are readable; pull is not called while the
  queue is at or above the high-water mark after start; a thenable
  returned by start is awaited.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var pulls = 0;
  var rs = new ReadableStream({
    start: function (c) { c.enqueue("x"); c.enqueue("y"); },
    pull: function () { pulls++; },
  }, { highWaterMark: 2 });
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.sameValue(pulls, 0, "the queue is full");
  var reader = rs.getReader();
  assert.sameValue((await reader.read()).value, "x");
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.sameValue(pulls, 1, "one chunk below the high-water mark");
  var thenCalled = false;
  var pulled = false;
  new ReadableStream({
    start: function () { return { then: function (resolve) { thenCalled = true; resolve(); } }; },
    pull: function () { pulled = true; },
  });
  await new Promise(function (r) { setTimeout(r, 0); });
  assert(thenCalled, "the thenable was resolved");
  assert(pulled, "pull after the thenable resolved");
});
