/*---
description: >
  WritableStreamDefaultController.error(e) errors the stream: later writes
  reject with e, ready and closed reject with e, desiredSize is null;
  error() once the stream is errored does nothing.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var ws = new WritableStream({ start: function (ctl) { c = ctl; } });
  var w = ws.getWriter();
  await w.ready;
  var err = new Error("sink");
  c.error(err);
  c.error(new Error("second: ignored"));
  assert.sameValue(w.desiredSize, null);
  var got = [];
  await w.write("x").then(null, function (e) { got.push(e); });
  await w.ready.then(null, function (e) { got.push(e); });
  await w.closed.then(null, function (e) { got.push(e); });
  assert.sameValue(got.length, 3);
  got.forEach(function (e) { assert.sameValue(e, err); });
  assert.sameValue(WritableStreamDefaultController.prototype.error.length, 0);
});
