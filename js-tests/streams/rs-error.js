/*---
description: >
  controller.error(e) rejects pending reads and the reader's closed promise
  with e, drops queued chunks, and every later read rejects with e; a
  reader acquired afterwards has closed rejected with e.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } });
  var reader = rs.getReader();
  var err = new Error("boom");
  var pending = reader.read();
  c.error(err);
  var got = [];
  await pending.then(null, function (e) { got.push(e); });
  await reader.closed.then(null, function (e) { got.push(e); });
  await reader.read().then(null, function (e) { got.push(e); });
  assert.sameValue(got.length, 3);
  got.forEach(function (e) { assert.sameValue(e, err); });

  var c2;
  var rs2 = new ReadableStream({ start: function (ctl) { c2 = ctl; } });
  c2.enqueue("lost");
  c2.error(err);
  var r2 = rs2.getReader();
  var caught;
  await r2.read().then(null, function (e) { caught = e; });
  assert.sameValue(caught, err, "queued chunks are dropped");
  caught = undefined;
  await r2.closed.then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
});
