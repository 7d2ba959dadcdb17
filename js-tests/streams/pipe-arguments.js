/*---
description: >
  pipeTo argument checks reject (a promise-returning operation): a
  destination that is not a WritableStream, a locked source or
  destination, a signal that is not an AbortSignal are TypeErrors;
  pipeThrough throws them synchronously, and needs { readable, writable }.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var rs = new ReadableStream();
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo({}); });
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo(); });
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo(new WritableStream(), { signal: {} }); });
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo(new WritableStream(), 1); });
  var ws = new WritableStream();
  ws.getWriter();
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo(ws); }, "locked destination");
  var locked = new ReadableStream();
  locked.getReader();
  await assert.throwsAsync(TypeError, function () { return locked.pipeTo(new WritableStream()); }, "locked source");
  assert.sameValue(rs.locked, false, "nothing was locked");

  assert.throws(TypeError, function () { rs.pipeThrough({}); });
  assert.throws(TypeError, function () { rs.pipeThrough({ readable: new ReadableStream() }); });
  assert.throws(TypeError, function () { rs.pipeThrough({ writable: new WritableStream() }); });
  assert.throws(TypeError, function () { locked.pipeThrough(new TransformStream()); });
  var t = new TransformStream();
  t.writable.getWriter();
  assert.throws(TypeError, function () { rs.pipeThrough(t); }, "locked writable");
  assert.throws(TypeError, function () { rs.pipeThrough(new TransformStream(), { signal: 1 }); });
});
