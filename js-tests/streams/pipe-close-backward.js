/*---
description: >
  Piping to a destination that is already closed (or closing) cancels the
  source with a TypeError and pipeTo rejects with a TypeError; with
  preventCancel the source is left alone.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var canceled = [];
  var rs = new ReadableStream({ cancel: function (r) { canceled.push(r); } });
  var ws = new WritableStream();
  await ws.close();
  await assert.throwsAsync(TypeError, function () { return rs.pipeTo(ws); });
  assert.sameValue(canceled.length, 1);
  assert(canceled[0] instanceof TypeError, "canceled with a TypeError");

  var rs2 = new ReadableStream({ cancel: function () { throw new Test262Error("no cancel"); } });
  var ws2 = new WritableStream();
  await ws2.close();
  await assert.throwsAsync(TypeError, function () { return rs2.pipeTo(ws2, { preventCancel: true }); });
  assert.sameValue(rs2.locked, false);
});
