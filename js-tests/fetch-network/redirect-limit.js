/*---
description: >
  fetch() follows at most 20 redirects (Fetch §4.4 step 5): a chain of 20
  redirect responses ends at /echo, 21 is a network error, a TypeError
  whose cause.code is ERR_TOO_MANY_REDIRECTS (node v20: a TypeError "fetch
  failed" whose cause says "redirect count exceeded"), and so is an endless
  loop, for every redirect status.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function rejection(promise) {
  return promise.then(function (v) {
    throw new Test262Error("expected a rejection, got a response with status " + v.status);
  }, function (e) {
    return e;
  });
}

asyncTest(async function () {
  var ok = await fetch(FIXTURE.http + "/redirect-chain?n=20");
  assert.sameValue(ok.status, 200, "20 redirects are followed");
  assert.sameValue(ok.redirected, true);
  assert.sameValue(ok.url, FIXTURE.http + "/echo");
  assert.sameValue((await ok.json()).method, "GET");

  var tooMany = await rejection(fetch(FIXTURE.http + "/redirect-chain?n=21"));
  assert(tooMany instanceof TypeError, "21 redirects: TypeError, got " + tooMany);
  assert.sameValue(tooMany.cause && tooMany.cause.code, "ERR_TOO_MANY_REDIRECTS");

  var statuses = [301, 302, 303, 307, 308];
  for (var i = 0; i < statuses.length; i++) {
    var loop = await rejection(fetch(FIXTURE.http + "/redirect-loop?n=0&status=" + statuses[i], {
      method: "POST", body: "x"
    }));
    assert(loop instanceof TypeError, statuses[i] + " loop: TypeError");
    assert.sameValue(loop.cause && loop.cause.code, "ERR_TOO_MANY_REDIRECTS", statuses[i] + " loop: code");
  }
});
