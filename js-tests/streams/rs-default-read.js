/*---
description: >
  A default reader reads the enqueued chunks in order, then { value:
  undefined, done: true } once the stream is closed; every read after that
  is done too, and closed resolves with undefined.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var rs = new ReadableStream({
    start: function (c) { c.enqueue("a"); c.enqueue(2); c.close(); },
  });
  var reader = rs.getReader();
  assert(reader instanceof ReadableStreamDefaultReader);
  var r1 = await reader.read();
  assert.sameValue(r1.value, "a");
  assert.sameValue(r1.done, false);
  assert.compareArray(Object.keys(r1), ["value", "done"]);
  assert.sameValue(Object.getPrototypeOf(r1), Object.prototype);
  var r2 = await reader.read();
  assert.sameValue(r2.value, 2);
  var r3 = await reader.read();
  assert.sameValue(r3.value, undefined);
  assert.sameValue(r3.done, true);
  var r4 = await reader.read();
  assert.sameValue(r4.done, true);
  assert.sameValue(await reader.closed, undefined);
});
