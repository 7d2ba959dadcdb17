/*---
description: >
  A transform that throws errors both sides with the exception (the write
  rejects, reads reject); controller.error(e) does the same;
  controller.terminate() closes the readable side and errors the writable
  side with a TypeError; enqueue after terminate is a TypeError.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("transform");
  var ts = new TransformStream({ transform: function () { throw err; } });
  var w = ts.writable.getWriter();
  var caught = [];
  var reading = ts.readable.getReader().read().then(null, function (e) { caught.push(e); });
  await w.write("x").then(null, function (e) { caught.push(e); });
  await reading;
  assert.sameValue(caught.length, 2);
  caught.forEach(function (e) { assert.sameValue(e, err); });

  var ctl;
  var ts2 = new TransformStream({ start: function (c) { ctl = c; } });
  ctl.error(err);
  var c2;
  await ts2.writable.getWriter().closed.then(null, function (e) { c2 = e; });
  assert.sameValue(c2, err);

  var ctl3;
  var ts3 = new TransformStream({ start: function (c) { ctl3 = c; } });
  ctl3.terminate();
  var r = await ts3.readable.getReader().read();
  assert.sameValue(r.done, true, "terminate closes the readable side");
  await assert.throwsAsync(TypeError, function () { return ts3.writable.getWriter().write(1); });
  assert.throws(TypeError, function () { ctl3.enqueue(1); }, "enqueue after terminate");
});
