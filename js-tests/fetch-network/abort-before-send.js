/*---
description: >
  A signal that is already aborted makes fetch() reject with the signal's
  reason (Fetch §7.2 step 4: the reason itself, not a new error) before
  anything is sent: the keep-alive connection that /count uses sees no
  request in between. The promise is rejected, not thrown.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var before = await (await fetch(FIXTURE.http + "/count")).json();

  var reason = { why: "custom reason object" };
  var ac = new AbortController();
  ac.abort(reason);
  var promise = fetch(FIXTURE.http + "/count", { signal: ac.signal, method: "POST", body: "never sent" });
  assert(promise instanceof Promise);
  var err = await promise.then(function () { return null; }, function (e) { return e; });
  assert.sameValue(err, reason, "rejected with the reason itself");

  var fromStatic = await fetch(FIXTURE.http + "/count", { signal: AbortSignal.abort() })
    .then(function () { return null; }, function (e) { return e; });
  assert(fromStatic instanceof DOMException, "AbortSignal.abort(): a DOMException");
  assert.sameValue(fromStatic.name, "AbortError");

  var withRequest = new Request(FIXTURE.http + "/count", { signal: AbortSignal.abort("string reason") });
  var fromRequest = await fetch(withRequest).then(function () { return null; }, function (e) { return e; });
  assert.sameValue(fromRequest, "string reason", "the Request's signal counts too");

  // A turn of the event loop first: node v20 hands a connection back to its
  // pool only then (nano-boa at once, see keep-alive.js).
  await new Promise(function (resolve) { setTimeout(resolve, 20); });
  var after = await (await fetch(FIXTURE.http + "/count")).json();
  assert.sameValue(after.connection, before.connection, "the same keep-alive connection");
  assert.sameValue(after.requests, before.requests + 1, "no request was sent in between");
});
