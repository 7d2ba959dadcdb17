/*---
description: >
  Releasing a BYOB reader while its read is pending (§4.8.4
  [[ReleaseSteps]]): the read rejects with a TypeError, the pending
  pull-into stays (byobRequest still offers its buffer), and bytes the
  source then gives go to the queue for the next reader, with nothing
  lost.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ type: "bytes", start: function (x) { c = x; } });
  var reader = rs.getReader({ mode: "byob" });
  var pending = reader.read(new Uint8Array(4));
  reader.releaseLock();
  await assert.throwsAsync(TypeError, function () { return pending; });
  var req = c.byobRequest;
  assert.notSameValue(req, null, "the pull-into is still there");
  assert.sameValue(req.view.byteLength, 4);
  req.view.set([1, 2]);
  req.respond(2);
  c.enqueue(new Uint8Array([3]));
  var r2 = rs.getReader();
  var a = await r2.read();
  var b = await r2.read();
  assert.compareArray(Array.from(a.value).concat(Array.from(b.value)), [1, 2, 3]);
});
