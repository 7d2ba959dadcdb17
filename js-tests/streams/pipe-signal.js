/*---
description: >
  pipeTo({ signal }): aborting the signal rejects pipeTo with the signal's
  reason, aborts the destination and cancels the source with it; an
  already-aborted signal does the same at once; preventAbort and
  preventCancel are honoured; the default reason is an AbortError
  DOMException.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var rs = new ReadableStream({ cancel: function (r) { log.push(["cancel", r]); } });
  var ws = new WritableStream({ abort: function (r) { log.push(["abort", r]); } });
  var ac = new AbortController();
  var p = rs.pipeTo(ws, { signal: ac.signal });
  var reason = new Error("stop");
  ac.abort(reason);
  var caught;
  await p.then(null, function (e) { caught = e; });
  assert.sameValue(caught, reason);
  assert.sameValue(log.length, 2);
  assert.sameValue(log[0][0], "abort");
  assert.sameValue(log[0][1], reason);
  assert.sameValue(log[1][0], "cancel");
  assert.sameValue(log[1][1], reason);
  assert.sameValue(rs.locked, false);
  assert.sameValue(ws.locked, false);

  var log2 = [];
  var rs2 = new ReadableStream({ cancel: function () { log2.push("cancel"); } });
  var ws2 = new WritableStream({ abort: function () { log2.push("abort"); } });
  caught = undefined;
  await rs2.pipeTo(ws2, { signal: AbortSignal.abort(), preventAbort: true, preventCancel: true })
    .then(null, function (e) { caught = e; });
  assert(caught instanceof DOMException);
  assert.sameValue(caught.name, "AbortError");
  assert.sameValue(log2.length, 0, "preventAbort and preventCancel");
});
