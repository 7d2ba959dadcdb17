/*---
description: >
  releaseLock() replaces a fulfilled closed promise with a new rejected
  one (§4.9.2 ReadableStreamReaderGenericRelease), so closed is a
  different promise afterwards; for a pending closed, the same promise is
  rejected.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var rs = new ReadableStream({ start: function (c) { c.close(); } });
  var reader = rs.getReader();
  var before = reader.closed;
  await before;
  reader.releaseLock();
  var after = reader.closed;
  assert.notSameValue(after, before, "a new promise");
  await assert.throwsAsync(TypeError, function () { return after; });

  var open = new ReadableStream();
  var r2 = open.getReader();
  var pending = r2.closed;
  r2.releaseLock();
  assert.sameValue(r2.closed, pending, "the pending promise itself is rejected");
  await assert.throwsAsync(TypeError, function () { return pending; });
});
