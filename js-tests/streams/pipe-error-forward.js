/*---
description: >
  An error of the source aborts the destination with that error (the
  sink's abort gets it) and pipeTo rejects with it; with preventAbort
  the destination stays writable.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("source");
  var aborted = [];
  var rs = new ReadableStream({ start: function (c) { c.error(err); } });
  var ws = new WritableStream({ abort: function (r) { aborted.push(r); } });
  var caught;
  await rs.pipeTo(ws).then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  assert.sameValue(aborted[0], err, "the destination is aborted with the error");

  var later;
  var rs2 = new ReadableStream({ start: function (c) { later = c; } });
  var ws2 = new WritableStream({ abort: function () { throw new Test262Error("not aborted"); } });
  var p = rs2.pipeTo(ws2, { preventAbort: true });
  later.error(err);
  caught = undefined;
  await p.then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  var w = ws2.getWriter();
  await w.write("still writable");
});
