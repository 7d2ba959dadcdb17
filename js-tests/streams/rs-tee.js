/*---
description: >
  tee() returns two new ReadableStreams and locks the original; each
  branch sees every chunk in order (the same chunk objects), whether the
  branches are read in turn or one after the other.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function readAll(stream) {
  var reader = stream.getReader();
  var out = [];
  for (;;) {
    var r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}
asyncTest(async function () {
  var obj = { x: 1 };
  var rs = new ReadableStream({
    start: function (c) { c.enqueue("a"); c.enqueue(obj); c.enqueue("c"); c.close(); },
  });
  var branches = rs.tee();
  assert(Array.isArray(branches));
  assert.sameValue(branches.length, 2);
  assert(branches[0] instanceof ReadableStream);
  assert.notSameValue(branches[0], branches[1]);
  assert.sameValue(rs.locked, true, "the source is locked");
  var first = await readAll(branches[0]);
  var second = await readAll(branches[1]);
  assert.compareArray(first, ["a", obj, "c"]);
  assert.compareArray(second, ["a", obj, "c"]);
  assert.sameValue(second[1], obj, "chunks are not cloned");

  var n = 0;
  var pulled = new ReadableStream({
    pull: function (c) { n++; if (n > 5) c.close(); else c.enqueue(n); },
  });
  var pair = pulled.tee();
  var both = await Promise.all([readAll(pair[0]), readAll(pair[1])]);
  assert.compareArray(both[0], [1, 2, 3, 4, 5]);
  assert.compareArray(both[1], [1, 2, 3, 4, 5]);
});
