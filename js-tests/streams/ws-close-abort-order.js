/*---
description: >
  Settlement order when a write fails (§5.5.2 WritableStreamFinishErroring
  and RejectCloseAndClosedPromiseIfNeeded): the failing write's promise
  rejects first, then the queued close(), then the writer's closed
  promise.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("w");
  var ws = new WritableStream({ write: function () { return Promise.reject(err); } });
  var w = ws.getWriter();
  var log = [];
  var a = w.write("x").then(null, function () { log.push("write"); });
  var b = w.close().then(null, function () { log.push("close"); });
  var c = w.closed.then(null, function () { log.push("closed"); });
  await Promise.all([a, b, c]);
  assert.compareArray(log, ["write", "close", "closed"]);
});
