/*---
description: >
  Aborting after the response head arrived but before the body finished
  (/chunked sends its chunks 300 ms apart) makes the body read reject
  with the signal's reason (Fetch §7.2 "abort the fetch() call" errors the
  response body with the reason). node v20 rejects the read with a generic
  AbortError DOMException instead of a custom reason; this test follows
  the spec. With the default reason both agree on an AbortError.
  Aborting after the body was read in full changes nothing, and a null
  body (204) has nothing to error, so it still reads as empty (node v20
  rejects that read with an AbortError; deno follows the spec).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var ac = new AbortController();
  var res = await fetch(FIXTURE.http + "/chunked?chunks=4&size=8&delay_ms=300", { signal: ac.signal });
  assert.sameValue(res.status, 200, "the head arrived");
  var reason = new Error("stop reading");
  ac.abort(reason);
  var err = await res.text().then(function () { return null; }, function (e) { return e; });
  assert.sameValue(err, reason, "the body read rejects with the signal's reason");

  var ac2 = new AbortController();
  var res2 = await fetch(FIXTURE.http + "/chunked?chunks=4&size=8&delay_ms=300", { signal: ac2.signal });
  var reading = res2.arrayBuffer().then(function () { return null; }, function (e) { return e; });
  setTimeout(function () { ac2.abort(); }, 50);
  var err2 = await reading;
  assert(err2 instanceof DOMException, "a read in progress rejects with a DOMException, got " + err2);
  assert.sameValue(err2.name, "AbortError");

  var ac3 = new AbortController();
  var done = await fetch(FIXTURE.http + "/status?body=complete", { signal: ac3.signal });
  assert.sameValue(await done.text(), "complete");
  ac3.abort(new Error("too late"));
  assert.sameValue(ac3.signal.aborted, true);
  assert.sameValue(done.status, 200, "abort after completion is a no-op");
  assert.sameValue(done.bodyUsed, true);

  // A null-body response has nothing to abort either.
  var ac4 = new AbortController();
  var head = await fetch(FIXTURE.http + "/status?code=204", { signal: ac4.signal });
  ac4.abort();
  assert.sameValue(await head.text(), "", "a null body reads as empty after abort");
});
