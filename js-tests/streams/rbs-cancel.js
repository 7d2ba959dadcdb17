/*---
description: >
  Canceling a byte stream with a pending BYOB read fulfills the read with
  { value: undefined, done: true } (§4.9.3 ReadableStreamCancel) and calls
  the source's cancel with the reason; controller.error rejects a pending
  BYOB read.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var reasons = [];
  var rs = new ReadableStream({ type: "bytes", cancel: function (r) { reasons.push(r); } });
  var reader = rs.getReader({ mode: "byob" });
  var pending = reader.read(new Uint8Array(4));
  await reader.cancel("why");
  var r = await pending;
  assert.sameValue(r.done, true);
  assert.sameValue(r.value, undefined);
  assert.sameValue(reasons[0], "why");

  var ctl;
  var rs2 = new ReadableStream({ type: "bytes", start: function (c) { ctl = c; } });
  var r2 = rs2.getReader({ mode: "byob" });
  var p2 = r2.read(new Uint8Array(1));
  var err = new Error("bytes");
  ctl.error(err);
  var caught;
  await p2.then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
});
