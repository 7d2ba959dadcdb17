/*---
description: >
  stream.cancel(reason) calls the source's cancel with the reason and
  resolves with undefined (whatever cancel returns); a pending read is
  fulfilled with done; a rejection from cancel rejects; a locked stream's
  cancel rejects with a TypeError; a closed stream's cancel resolves, an
  errored one's rejects with the stored error.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var reasons = [];
  var rs = new ReadableStream({
    start: function (c) { c.enqueue("dropped"); },
    cancel: function (r) { reasons.push(r); return "ignored"; },
  });
  assert.sameValue(await rs.cancel("why"), undefined);
  assert.sameValue(reasons[0], "why");
  var r = await rs.getReader().read();
  assert.sameValue(r.done, true, "canceled stream reads as closed");

  var rs2 = new ReadableStream({ cancel: function () {} });
  var reader = rs2.getReader();
  var pending = reader.read();
  await assert.throwsAsync(TypeError, function () { return rs2.cancel(); }, "locked stream");
  await reader.cancel("r");
  var p = await pending;
  assert.sameValue(p.done, true, "pending read resolves done");
  assert.sameValue(p.value, undefined);

  var err = new Error("cancel failed");
  var rs3 = new ReadableStream({ cancel: function () { throw err; } });
  var caught;
  await rs3.cancel().then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);

  var closed = new ReadableStream({ start: function (c) { c.close(); }, cancel: function () { throw err; } });
  assert.sameValue(await closed.cancel(), undefined, "closed: cancel is not called");
  var e2 = new Error("stored");
  var errored = new ReadableStream({ start: function (c) { c.error(e2); } });
  caught = undefined;
  await errored.cancel().then(null, function (e) { caught = e; });
  assert.sameValue(caught, e2);
});
