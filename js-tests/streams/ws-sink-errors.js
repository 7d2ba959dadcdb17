/*---
description: >
  A sink write that rejects errors the stream: that write rejects with the
  reason, queued writes too, later writes reject with it; a size function
  that throws errors the stream (the write rejects with its exception).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("write failed");
  var ws = new WritableStream({ write: function () { throw err; } });
  var w = ws.getWriter();
  var got = [];
  var p1 = w.write(1).then(null, function (e) { got.push(e); });
  var p2 = w.write(2).then(null, function (e) { got.push(e); });
  await Promise.all([p1, p2]);
  await w.write(3).then(null, function (e) { got.push(e); });
  assert.sameValue(got.length, 3);
  got.forEach(function (e) { assert.sameValue(e, err); });

  var sizeErr = new Error("size");
  var ws2 = new WritableStream({}, { size: function () { throw sizeErr; } });
  var w2 = ws2.getWriter();
  var caught;
  await w2.write("x").then(null, function (e) { caught = e; });
  assert.sameValue(caught, sizeErr);
  assert.sameValue(w2.desiredSize, null, "errored");
});
