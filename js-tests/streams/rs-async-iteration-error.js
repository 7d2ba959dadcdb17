/*---
description: >
  An error of the stream rejects the pending next() of an async iterator
  (and for await throws it); the iterator is then finished: next()
  resolves done.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("mid-stream");
  var n = 0;
  var rs = new ReadableStream({
    pull: function (c) { n++; if (n === 2) c.error(err); else c.enqueue(n); },
  });
  var seen = [];
  var caught;
  try {
    for await (var x of rs) seen.push(x);
  } catch (e) {
    caught = e;
  }
  assert.sameValue(caught, err);
  assert.sameValue(seen.length, 1);
  var rs2 = new ReadableStream({ start: function (c) { c.error(err); } });
  var it = rs2.values();
  var c2;
  await it.next().then(null, function (e) { c2 = e; });
  assert.sameValue(c2, err);
  var r = await it.next();
  assert.sameValue(r.done, true, "finished after the error");
});
