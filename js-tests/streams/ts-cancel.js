/*---
description: >
  Canceling the readable side of a TransformStream calls the
  transformer's cancel with the reason (Streams §6.4.4, added in 2023) and
  errors the writable side with the reason; aborting the writable side
  calls cancel too and errors the readable side.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var reasons = [];
  var ts = new TransformStream({ cancel: function (r) { reasons.push(r); } });
  await ts.readable.cancel("stop");
  assert.sameValue(reasons[0], "stop");
  var caught;
  await ts.writable.getWriter().closed.then(null, function (e) { caught = e; });
  assert.sameValue(caught, "stop", "the writable side is errored with the reason");

  var ts2 = new TransformStream({ cancel: function (r) { reasons.push(r); } });
  await ts2.writable.abort("abort reason");
  assert.sameValue(reasons[1], "abort reason");
  caught = undefined;
  await ts2.readable.getReader().read().then(null, function (e) { caught = e; });
  assert.sameValue(caught, "abort reason");
});
