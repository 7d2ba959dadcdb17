/*---
description: >
  Canceling one tee branch does not cancel the source; canceling both
  cancels it once with the array [reason1, reason2], and both cancel
  promises settle with the source's cancel result; the other branch keeps
  reading after the first is canceled.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var cancels = [];
  var c;
  var rs = new ReadableStream({
    start: function (ctl) { c = ctl; },
    cancel: function (reason) { cancels.push(reason); },
  });
  var pair = rs.tee();
  var p1 = pair[0].cancel("r1");
  await new Promise(function (r) { setTimeout(r, 0); });
  assert.sameValue(cancels.length, 0, "one branch canceled: the source is not");
  c.enqueue("still");
  var reader2 = pair[1].getReader();
  var r = await reader2.read();
  assert.sameValue(r.value, "still", "the other branch keeps reading");
  var p2 = reader2.cancel("r2");
  await Promise.all([p1, p2]);
  assert.sameValue(cancels.length, 1);
  assert.compareArray(cancels[0], ["r1", "r2"]);
});
