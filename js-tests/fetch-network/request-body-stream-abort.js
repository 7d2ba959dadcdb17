/*---
description: >
  Aborting a fetch while its ReadableStream request body is being read
  rejects the fetch with the signal's reason and cancels the body with
  that reason (Fetch §7.2 "abort the fetch() call": "if request's body is
  non-null and is readable, then cancel request's body with error"), so
  that an endless source stops; a signal aborted before fetch() does the
  same. node v20 rejects but never cancels the body (it keeps pulling an
  endless source); this test follows the spec.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

// A source that never ends; `abortAt` aborts `ac` from its pull number n.
function endless(ac, abortAt, reason) {
  var state = { pulls: 0, cancelled: false, cancelReason: undefined };
  state.stream = new ReadableStream({
    pull: function (c) {
      state.pulls++;
      if (state.pulls === abortAt) ac.abort(reason);
      if (!state.cancelled) c.enqueue(new Uint8Array(16));
    },
    cancel: function (why) {
      state.cancelled = true;
      state.cancelReason = why;
    }
  });
  return state;
}

asyncTest(async function () {
  var ac = new AbortController();
  var reason = new Error("stop uploading");
  var src = endless(ac, 3, reason);
  var err = await fetch(FIXTURE.http + "/echo", {
    method: "POST", body: src.stream, duplex: "half", signal: ac.signal
  }).then(function () { return null; }, function (e) { return e; });
  assert.sameValue(err, reason, "the fetch rejects with the signal's reason");
  assert.sameValue(src.cancelled, true, "the request body was cancelled");
  assert.sameValue(src.cancelReason, reason, "with the reason");
  var pulls = src.pulls;
  await new Promise(function (resolve) { setTimeout(resolve, 50); });
  assert.sameValue(src.pulls, pulls, "and is pulled no more");

  var ac2 = new AbortController();
  var reason2 = new Error("aborted already");
  ac2.abort(reason2);
  var src2 = endless(ac2, -1, undefined);
  var err2 = await fetch(FIXTURE.http + "/echo", {
    method: "POST", body: src2.stream, duplex: "half", signal: ac2.signal
  }).then(function () { return null; }, function (e) { return e; });
  assert.sameValue(err2, reason2, "an aborted signal rejects at once");
  assert.sameValue(src2.cancelled, true, "and cancels the body");
  assert.sameValue(src2.cancelReason, reason2, "with the reason");
});
