/*---
description: >
  A size function that throws errors the stream and enqueue rethrows the
  exception; a size that is negative, NaN or Infinity is a RangeError that
  errors the stream too.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var err = new Error("size");
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } }, {
    size: function () { throw err; },
  });
  assert.throws(Error, function () { c.enqueue("x"); });
  var caught;
  try { await rs.getReader().read(); } catch (e) { caught = e; }
  assert.sameValue(caught, err, "the stream is errored with the size exception");

  [-1, NaN, Infinity].forEach(function (bad) {
    var ctl;
    new ReadableStream({ start: function (x) { ctl = x; } }, { size: function () { return bad; } });
    assert.throws(RangeError, function () { ctl.enqueue("x"); }, "size " + bad);
    assert.sameValue(ctl.desiredSize, null, "errored after size " + bad);
  });
});
