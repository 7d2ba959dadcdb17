/*---
description: >
  pipeThrough({ writable, readable }) pipes into writable and returns
  readable (the same object), reading works through a chain of
  TransformStreams.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var t1 = new TransformStream({ transform: function (c, ctl) { ctl.enqueue(c * 2); } });
  var t2 = new TransformStream({ transform: function (c, ctl) { ctl.enqueue(c + 1); } });
  var rs = ReadableStream.from([1, 2, 3]);
  var out = rs.pipeThrough(t1);
  assert.sameValue(out, t1.readable);
  assert.sameValue(rs.locked, true);
  var result = [];
  for await (var x of out.pipeThrough(t2)) result.push(x);
  assert.compareArray(result, [3, 5, 7]);
  var pair = { readable: new ReadableStream(), writable: new WritableStream() };
  assert.sameValue(new ReadableStream().pipeThrough(pair), pair.readable, "any pair works");
});
