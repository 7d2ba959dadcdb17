/*---
description: >
  Writes wait for start's promise before reaching the sink; a start that
  rejects errors the stream with the reason (the queued write and closed
  reject with it).
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var resolveStart;
  var ws = new WritableStream({
    start: function () { return new Promise(function (r) { resolveStart = r; }); },
    write: function (c) { log.push(c); },
  });
  var w = ws.getWriter();
  var p = w.write("a");
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.compareArray(log, [], "not before start settles");
  resolveStart();
  await p;
  assert.compareArray(log, ["a"]);

  var err = new Error("start");
  var ws2 = new WritableStream({ start: function () { return Promise.reject(err); } });
  var w2 = ws2.getWriter();
  var caught = [];
  await w2.write("x").then(null, function (e) { caught.push(e); });
  await w2.closed.then(null, function (e) { caught.push(e); });
  assert.sameValue(caught[0], err);
  assert.sameValue(caught[1], err);
});
