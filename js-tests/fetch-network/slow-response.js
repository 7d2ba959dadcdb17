/*---
description: >
  A response whose head comes 300 ms late (/slow) resolves after that
  delay with its body; the event loop keeps running meanwhile (a timer set
  for 50 ms fires before the response).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var timerFired = false;
  setTimeout(function () { timerFired = true; }, 50);
  var start = Date.now();
  var res = await fetch(FIXTURE.http + "/slow?delay_ms=300");
  var elapsed = Date.now() - start;
  assert(timerFired, "the timer fired while the fetch was pending");
  assert(elapsed >= 250, "the response came after the delay (" + elapsed + " ms)");
  assert.sameValue(res.status, 200);
  assert.sameValue(await res.text(), "slow");
});
