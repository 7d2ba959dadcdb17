/*---
description: >
  fetch() does not block: 100 fetches of /slow?delay_ms=200 in flight at
  once all succeed and finish in well under 100 x 200 ms (at most 5 s, a
  loose bound for a loaded machine), while a 20 ms setInterval keeps
  ticking throughout.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var ticks = 0;
  var interval = setInterval(function () { ticks++; }, 20);
  var start = Date.now();
  var promises = [];
  for (var i = 0; i < 100; i++) {
    promises.push(fetch(FIXTURE.http + "/slow?delay_ms=200&i=" + i).then(function (res) {
      assert.sameValue(res.status, 200);
      return res.text();
    }));
  }
  var ticksWhilePending = -1;
  setTimeout(function () { ticksWhilePending = ticks; }, 150);
  var bodies = await Promise.all(promises);
  var elapsed = Date.now() - start;
  clearInterval(interval);
  assert.sameValue(bodies.length, 100);
  for (var j = 0; j < bodies.length; j++) {
    assert.sameValue(bodies[j], "slow", "body " + j);
  }
  assert(elapsed >= 190, "the responses took the server's delay (" + elapsed + " ms)");
  assert(elapsed < 5000, "100 fetches ran concurrently (" + elapsed + " ms)");
  assert(ticksWhilePending >= 2, "the interval ticked while the fetches were pending (" + ticksWhilePending + ")");
  assert(ticks >= 5, "the interval kept ticking (" + ticks + " ticks in " + elapsed + " ms)");
});
