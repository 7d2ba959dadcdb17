/*---
description: >
  abort(reason) (§5.5.2 WritableStreamAbort): the controller's signal
  aborts at once with the reason; once the in-flight write settles,
  queued writes reject with the reason and the sink's abort is called
  with it, then abort() resolves and closed rejects with the reason.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var finishWrite;
  var controller;
  var ws = new WritableStream({
    start: function (c) { controller = c; },
    write: function () { log.push("write"); return new Promise(function (r) { finishWrite = r; }); },
    abort: function (r) { log.push("abort " + r); },
  });
  var w = ws.getWriter();
  await w.ready;
  var p1 = w.write("in flight");
  var p2 = w.write("queued");
  await new Promise(function (r) { setTimeout(r, 0); });
  var signal = controller.signal;
  assert(signal instanceof AbortSignal);
  signal.addEventListener("abort", function () { log.push("signal"); });
  var aborting = w.abort("why");
  assert.sameValue(signal.aborted, true, "aborted synchronously");
  assert.sameValue(signal.reason, "why");
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.compareArray(log, ["write", "signal"], "the sink's abort waits for the in-flight write");
  finishWrite();
  await p1;
  var caught;
  await p2.then(null, function (e) { caught = e; });
  assert.sameValue(caught, "why", "queued writes reject with the reason");
  await aborting;
  assert.compareArray(log, ["write", "signal", "abort why"]);
  caught = undefined;
  await w.closed.then(null, function (e) { caught = e; });
  assert.sameValue(caught, "why");
  assert.sameValue(await w.abort("again"), undefined, "abort of an errored stream resolves");
});
