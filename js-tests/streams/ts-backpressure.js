/*---
description: >
  TransformStream backpressure: with nothing reading the readable side,
  no write is transformed; each read lets one transform run (the
  readable side's highWaterMark is 0, so it pulls only on demand).
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var ts = new TransformStream({
    transform: function (c, ctl) { log.push(c); ctl.enqueue(c); },
  });
  var w = ts.writable.getWriter();
  w.write("a");
  w.write("b");
  await new Promise(function (r) { setTimeout(r, 10); });
  assert.compareArray(log, [], "no transform before the readable side wants chunks");
  var reader = ts.readable.getReader();
  var r = await reader.read();
  assert.sameValue(r.value, "a");
  await new Promise(function (r) { setTimeout(r, 10); });
  assert.compareArray(log, ["a"], "b waits for the next read (readable highWaterMark 0)");
  var r2 = await reader.read();
  assert.sameValue(r2.value, "b");
  assert.compareArray(log, ["a", "b"]);
});
