/*---
description: >
  pipeTo writes every chunk in order, closes the destination, resolves
  with undefined and releases both locks; while piping both streams are
  locked.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var written = [];
  var closed = false;
  var rs = new ReadableStream({
    start: function (c) { ["a", "b", "c"].forEach(function (x) { c.enqueue(x); }); c.close(); },
  });
  var ws = new WritableStream({
    write: function (c) { written.push(c); },
    close: function () { closed = true; },
  });
  var p = rs.pipeTo(ws);
  assert(p instanceof Promise);
  assert.sameValue(rs.locked, true);
  assert.sameValue(ws.locked, true);
  assert.sameValue(await p, undefined);
  assert.compareArray(written, ["a", "b", "c"]);
  assert.sameValue(closed, true);
  assert.sameValue(rs.locked, false);
  assert.sameValue(ws.locked, false);
});
