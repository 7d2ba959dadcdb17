/*---
description: >
  writer.releaseLock(): ready and closed reject with TypeErrors (new
  rejected promises replace settled ones); write, close and abort reject
  with a TypeError; desiredSize throws a TypeError; the stream is
  unlocked and can get a new writer.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var ws = new WritableStream();
  var w = ws.getWriter();
  assert.sameValue(ws.locked, true);
  assert.throws(TypeError, function () { ws.getWriter(); }, "locked");
  assert.throws(TypeError, function () { new WritableStreamDefaultWriter(ws); }, "locked");
  await w.ready;
  w.releaseLock();
  assert.sameValue(ws.locked, false);
  await assert.throwsAsync(TypeError, function () { return w.ready; });
  await assert.throwsAsync(TypeError, function () { return w.closed; });
  await assert.throwsAsync(TypeError, function () { return w.write(1); });
  await assert.throwsAsync(TypeError, function () { return w.close(); });
  await assert.throwsAsync(TypeError, function () { return w.abort(); });
  assert.throws(TypeError, function () { return w.desiredSize; });
  w.releaseLock();
  var w2 = new WritableStreamDefaultWriter(ws);
  assert.sameValue(w2.desiredSize, 1);
});
