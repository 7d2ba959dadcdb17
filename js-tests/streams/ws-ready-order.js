/*---
description: >
  With highWaterMark 1, after a write completes the write's promise
  settles before the writer's ready promise (§5.5.2
  WritableStreamFinishInFlightWrite, then UpdateBackpressure).
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var finish;
  var ws = new WritableStream({ write: function () { return new Promise(function (r) { finish = r; }); } });
  var w = ws.getWriter();
  await w.ready;
  var log = [];
  var written = w.write("x").then(function () { log.push("write"); });
  var ready = w.ready.then(function () { log.push("ready"); });
  await new Promise(function (r) { setTimeout(r, 0); });
  finish();
  await Promise.all([written, ready]);
  assert.compareArray(log, ["write", "ready"]);
});
