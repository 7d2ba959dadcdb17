/*---
description: >
  redirect: "error" makes a redirect a network error (Fetch §4.3 step
  "redirect mode error"): a TypeError with cause.code ERR_REDIRECT, while a
  non-redirect response still resolves (the code is nano-boa's; node v20
  and deno reject with a TypeError without one). redirect: "manual" does not follow:
  nano-boa returns the 3xx response itself with its Location readable, as
  node v20 and deno do (the spec's browser behaviour is an
  "opaqueredirect" filtered response with status 0 and no headers, which
  is meaningless without a navigation to hand it to).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var err = await fetch(FIXTURE.http + "/redirect?status=301&to=/echo", { redirect: "error" })
    .then(function () { return null; }, function (e) { return e; });
  assert(err instanceof TypeError, "redirect: error rejects with a TypeError");
  assert.sameValue(err.cause && err.cause.code, "ERR_REDIRECT");

  var fine = await fetch(FIXTURE.http + "/echo", { redirect: "error" });
  assert.sameValue(fine.status, 200, "no redirect, no error");
  await fine.text();

  var statuses = [301, 302, 303, 307, 308];
  for (var i = 0; i < statuses.length; i++) {
    var res = await fetch(FIXTURE.http + "/redirect?status=" + statuses[i] + "&to=/echo%3Fmanual", {
      redirect: "manual", method: "POST", body: "b"
    });
    assert.sameValue(res.status, statuses[i], "manual: the " + statuses[i] + " itself");
    assert.sameValue(res.headers.get("location"), "/echo?manual", "manual: Location as sent");
    assert.sameValue(res.redirected, false, "manual: nothing followed");
    assert.sameValue(res.url, FIXTURE.http + "/redirect?status=" + statuses[i] + "&to=/echo%3Fmanual");
    assert.sameValue(res.ok, false);
    assert.sameValue(await res.text(), "");
  }

  var viaRequest = await fetch(new Request(FIXTURE.http + "/redirect?to=/echo", { redirect: "manual" }));
  assert.sameValue(viaRequest.status, 302, "the Request's redirect mode is used");
  await viaRequest.text();
});
