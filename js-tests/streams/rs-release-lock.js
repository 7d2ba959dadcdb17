/*---
description: >
  releaseLock() with a pending read rejects that read with a TypeError
  (§4.9.2 ReadableStreamDefaultReaderRelease); closed rejects with a
  TypeError; read() and cancel() on the released reader reject with a
  TypeError; the stream can be read by a new reader.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } });
  var reader = rs.getReader();
  var pending = reader.read();
  reader.releaseLock();
  await assert.throwsAsync(TypeError, function () { return pending; }, "pending read");
  await assert.throwsAsync(TypeError, function () { return reader.closed; }, "closed");
  await assert.throwsAsync(TypeError, function () { return reader.read(); }, "read after release");
  await assert.throwsAsync(TypeError, function () { return reader.cancel(); }, "cancel after release");
  c.enqueue("kept");
  var r = await rs.getReader().read();
  assert.sameValue(r.value, "kept");
});
