/*---
description: >
  TransformStream flush runs once when the writable side closes, after
  every transform; it may enqueue; the readable side closes after flush's
  promise fulfills; a flush that rejects errors the readable side and the
  close rejects.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var ts = new TransformStream({
    transform: function (c, ctl) { log.push("t" + c); ctl.enqueue(c); },
    flush: function (ctl) { log.push("flush"); ctl.enqueue("end"); },
  });
  var w = ts.writable.getWriter();
  w.write(1);
  w.write(2);
  w.close();
  var out = [];
  for await (var x of ts.readable) out.push(x);
  assert.compareArray(out, [1, 2, "end"]);
  assert.compareArray(log, ["t1", "t2", "flush"]);

  var err = new Error("flush");
  var bad = new TransformStream({ flush: function () { return Promise.reject(err); } });
  var caught = [];
  await bad.writable.close().then(null, function (e) { caught.push(e); });
  await bad.readable.getReader().read().then(null, function (e) { caught.push(e); });
  assert.sameValue(caught[0], err);
  assert.sameValue(caught[1], err);
});
