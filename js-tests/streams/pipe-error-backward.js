/*---
description: >
  An error of the destination cancels the source with that error and
  pipeTo rejects with it; with preventCancel the source is not canceled
  and can still be read.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("dest");
  var canceled = [];
  var rs = new ReadableStream({
    pull: function (c) { c.enqueue("chunk"); },
    cancel: function (r) { canceled.push(r); },
  });
  var ws = new WritableStream({ write: function () { throw err; } });
  var caught;
  await rs.pipeTo(ws).then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  assert.sameValue(canceled[0], err, "the source is canceled with the error");

  var rs2 = new ReadableStream({
    start: function (c) { c.enqueue(1); c.enqueue(2); },
    cancel: function () { throw new Test262Error("not canceled"); },
  });
  var ws2 = new WritableStream({ write: function () { throw err; } });
  caught = undefined;
  await rs2.pipeTo(ws2, { preventCancel: true }).then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  assert.sameValue(rs2.locked, false);
  var r = await rs2.getReader().read();
  assert.sameValue(r.done, false, "the source still has chunks");
});
