/*---
description: >
  pull waits for the promise start returns; a start promise that rejects
  errors the stream with its reason (reads and closed reject with it).
includes: [asyncHelpers.js]
flags: [async]
---*/
function tick() { return new Promise(function (r) { setTimeout(r, 0); }); }
asyncTest(async function () {
  var resolveStart;
  var pulled = false;
  new ReadableStream({
    start: function () { return new Promise(function (r) { resolveStart = r; }); },
    pull: function () { pulled = true; },
  });
  await tick();
  assert.sameValue(pulled, false, "no pull before start settles");
  resolveStart();
  await tick();
  assert.sameValue(pulled, true);

  var err = new Error("start failed");
  var rs = new ReadableStream({ start: function () { return Promise.reject(err); } });
  var reader = rs.getReader();
  var caught;
  try { await reader.read(); } catch (e) { caught = e; }
  assert.sameValue(caught, err, "read rejects with the start rejection");
  try { await reader.closed; } catch (e) { caught = "closed:" + (e === err); }
  assert.sameValue(caught, "closed:true");
});
