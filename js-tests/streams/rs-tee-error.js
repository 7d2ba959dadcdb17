/*---
description: >
  An error of the source stream errors both tee branches with the same
  reason.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } });
  var pair = rs.tee();
  var r1 = pair[0].getReader();
  var r2 = pair[1].getReader();
  var err = new Error("source");
  c.error(err);
  var got = [];
  await r1.closed.then(null, function (e) { got.push(e); });
  await r2.closed.then(null, function (e) { got.push(e); });
  await r1.read().then(null, function (e) { got.push(e); });
  assert.sameValue(got.length, 3);
  got.forEach(function (e) { assert.sameValue(e, err); });
});
