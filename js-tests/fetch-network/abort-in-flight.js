/*---
description: >
  Aborting while the request is in flight (/hang never answers) rejects
  at once with the signal's reason (Fetch §7.2 abort steps): the default
  reason is an "AbortError" DOMException, and a custom reason, of any
  type, is the rejection value itself. One controller aborts several
  in-flight fetches together, each rejecting with the same reason.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function settle(promise) {
  return promise.then(function (v) { return { ok: v }; }, function (e) { return { err: e }; });
}

asyncTest(async function () {
  var ac = new AbortController();
  var start = Date.now();
  var pending = settle(fetch(FIXTURE.bad + "/hang", { signal: ac.signal }));
  setTimeout(function () { ac.abort(); }, 50);
  var result = await pending;
  assert("err" in result, "rejected");
  assert(result.err instanceof DOMException, "a DOMException, got " + result.err);
  assert.sameValue(result.err.name, "AbortError");
  assert.sameValue(result.err.code, 20, "ABORT_ERR");
  assert.sameValue(result.err, ac.signal.reason, "the signal's reason");
  assert(Date.now() - start < 5000, "rejected without waiting for the server");

  var custom = new AbortController();
  var reason = new RangeError("my reason");
  var p2 = settle(fetch(FIXTURE.bad + "/hang", { method: "POST", body: "x", signal: custom.signal }));
  setTimeout(function () { custom.abort(reason); }, 20);
  assert.sameValue((await p2).err, reason, "a custom reason propagates unchanged");

  var shared = new AbortController();
  var all = [
    settle(fetch(FIXTURE.bad + "/hang", { signal: shared.signal })),
    settle(fetch(FIXTURE.bad + "/hang?2", { signal: shared.signal })),
    settle(fetch(FIXTURE.http + "/slow?delay_ms=3000", { signal: shared.signal })),
    settle(fetch(FIXTURE.https + "/slow?delay_ms=3000", { signal: shared.signal }))
  ];
  setTimeout(function () { shared.abort(42); }, 50);
  var results = await Promise.all(all);
  for (var i = 0; i < results.length; i++) {
    assert.sameValue(results[i].err, 42, "fetch " + i + " rejected with the shared reason");
  }

  // A signal from AbortSignal.any() aborts the fetch too.
  var outer = new AbortController();
  var p3 = settle(fetch(FIXTURE.bad + "/hang", { signal: AbortSignal.any([outer.signal]) }));
  setTimeout(function () { outer.abort("via any"); }, 20);
  assert.sameValue((await p3).err, "via any", "AbortSignal.any() dependent signal");
});
