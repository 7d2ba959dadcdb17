/*---
description: >
  for await over a ReadableStream yields its chunks and releases the lock
  at the end; breaking out cancels the stream (the source's cancel gets
  undefined) unless values({ preventCancel: true }), which only releases
  the lock.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
function counter(log) {
  var n = 0;
  return new ReadableStream({
    pull: function (c) { n++; if (n > 3) c.close(); else c.enqueue(n); },
    cancel: function (r) { log.push(["cancel", r]); },
  });
}
asyncTest(async function () {
  var log = [];
  var rs = counter(log);
  var out = [];
  for await (var x of rs) out.push(x);
  assert.compareArray(out, [1, 2, 3]);
  assert.sameValue(rs.locked, false, "released at the end");
  assert.sameValue(log.length, 0);

  var rs2 = counter(log);
  for await (var y of rs2) { if (y === 1) break; }
  assert.sameValue(log.length, 1, "break cancels");
  assert.sameValue(log[0][1], undefined);
  assert.sameValue(rs2.locked, false);

  var log3 = [];
  var rs3 = counter(log3);
  for await (var z of rs3.values({ preventCancel: true })) { if (z === 1) break; }
  assert.sameValue(log3.length, 0, "preventCancel: not canceled");
  assert.sameValue(rs3.locked, false, "but released");
  var rest = [];
  for await (var w of rs3) rest.push(w);
  assert.compareArray(rest, [2, 3], "the rest is still there");

  var locked = counter([]);
  locked.getReader();
  assert.throws(TypeError, function () { locked.values(); }, "a locked stream cannot be iterated");
});
