/*---
description: >
  AbortSignal.timeout(ms) as a fetch signal: a /slow response that takes
  longer rejects with a "TimeoutError" DOMException (code 23) when the time
  is up, not when the server answers; a response faster than the timeout
  is unaffected, and the timeout firing later does not touch it.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var start = Date.now();
  var err = await fetch(FIXTURE.http + "/slow?delay_ms=3000", { signal: AbortSignal.timeout(100) })
    .then(function () { return null; }, function (e) { return e; });
  var elapsed = Date.now() - start;
  assert(err instanceof DOMException, "a DOMException, got " + err);
  assert.sameValue(err.name, "TimeoutError");
  assert.sameValue(err.code, 23, "TIMEOUT_ERR");
  assert(elapsed < 2500, "rejected when the timeout fired (" + elapsed + " ms)");

  var hang = await fetch(FIXTURE.bad + "/hang", { signal: AbortSignal.timeout(50) })
    .then(function () { return null; }, function (e) { return e; });
  assert.sameValue(hang && hang.name, "TimeoutError", "a server that never answers");

  var signal = AbortSignal.timeout(150);
  var fast = await fetch(FIXTURE.http + "/status?body=fast", { signal: signal });
  assert.sameValue(await fast.text(), "fast", "faster than the timeout");
  await new Promise(function (resolve) { setTimeout(resolve, 200); });
  assert.sameValue(signal.aborted, true, "the timeout fired afterwards");
  assert.sameValue(fast.status, 200, "and the response is as it was");
});
