/*---
description: >
  WritableStreamDefaultController.signal is an AbortSignal, the same
  object each time, not aborted until the stream is aborted; abort() with
  no reason aborts it with the AbortError DOMException the DOM Standard
  substitutes for an undefined reason, while the sink's abort gets
  undefined.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var controller;
  var sinkReason = "unset";
  var ws = new WritableStream({
    start: function (c) { controller = c; },
    abort: function (r) { sinkReason = r; },
  });
  var signal = controller.signal;
  assert(signal instanceof AbortSignal);
  assert.sameValue(controller.signal, signal);
  assert.sameValue(signal.aborted, false);
  await ws.abort();
  assert.sameValue(signal.aborted, true);
  assert(signal.reason instanceof DOMException);
  assert.sameValue(signal.reason.name, "AbortError");
  assert.sameValue(sinkReason, undefined);
  assert.throws(TypeError, function () {
    Object.getOwnPropertyDescriptor(WritableStreamDefaultController.prototype, "signal").get.call({});
  });
});
