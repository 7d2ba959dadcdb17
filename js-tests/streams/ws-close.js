/*---
description: >
  writer.close() waits for queued writes, calls the sink's close once,
  then resolves close() and closed; a write after close, or a second
  close, rejects with a TypeError; desiredSize is 0 once closed; close()
  on a locked stream rejects with a TypeError.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var ws = new WritableStream({
    write: function (c) { log.push("write " + c); return new Promise(function (r) { setTimeout(r, 1); }); },
    close: function () { log.push("close"); },
  });
  var w = ws.getWriter();
  w.write(1);
  w.write(2);
  var closing = w.close();
  await assert.throwsAsync(TypeError, function () { return w.write(3); }, "write after close");
  await assert.throwsAsync(TypeError, function () { return w.close(); }, "close twice");
  await assert.throwsAsync(TypeError, function () { return ws.close(); }, "locked");
  assert.sameValue(await closing, undefined);
  assert.sameValue(await w.closed, undefined);
  assert.compareArray(log, ["write 1", "write 2", "close"]);
  assert.sameValue(w.desiredSize, 0);
  var unlocked = new WritableStream();
  assert.sameValue(await unlocked.close(), undefined, "close on the stream itself");
});
