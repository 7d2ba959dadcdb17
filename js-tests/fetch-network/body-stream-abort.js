/*---
description: >
  Aborting the signal after the response head, while a reader is reading
  the body, errors the body stream with the signal's reason (Fetch §7.2
  "abort the fetch() call" errors the response's body stream with the
  error): the pending read rejects with that reason, reader.closed rejects
  with it too, and a later read rejects the same way. Without a custom
  reason the error is an AbortError DOMException. A body stream first
  asked for (or first read) after the abort is errored with the reason as
  well, and so are both branches of a clone made before the abort.
  Expected values from node v20, except for the clone: node v20 rejects
  the original's read with another error and only the clone's with the
  reason; this test follows the spec (the stream is errored with the
  reason, and a tee passes the error to both branches, Streams §4.9
  ReadableStreamDefaultTee).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function settle(promise) {
  return promise.then(function (v) { return { ok: v }; }, function (e) { return { err: e }; });
}

asyncTest(async function () {
  var ac = new AbortController();
  var res = await fetch(FIXTURE.http + "/chunked?chunks=4&size=4&delay_ms=300", { signal: ac.signal });
  var reader = res.body.getReader();
  var first = await reader.read();
  assert.sameValue(new TextDecoder().decode(first.value), "aaaa", "the first chunk arrived");
  var pending = settle(reader.read());
  var closed = settle(reader.closed);
  var reason = new Error("stop here");
  ac.abort(reason);
  var got = await pending;
  assert.sameValue(got.err, reason, "the pending read rejects with the signal's reason");
  assert.sameValue((await closed).err, reason, "reader.closed rejects with it");
  assert.sameValue((await settle(reader.read())).err, reason, "a later read too");

  var ac2 = new AbortController();
  var res2 = await fetch(FIXTURE.http + "/chunked?chunks=4&size=4&delay_ms=300", { signal: ac2.signal });
  var reader2 = res2.body.getReader();
  await reader2.read();
  var pending2 = settle(reader2.read());
  ac2.abort();
  var err2 = (await pending2).err;
  assert(err2 instanceof DOMException, "the default reason is a DOMException, got " + err2);
  assert.sameValue(err2.name, "AbortError");

  var ac3 = new AbortController();
  var res3 = await fetch(FIXTURE.http + "/chunked?chunks=3&size=2&delay_ms=300", { signal: ac3.signal });
  var reason3 = new Error("before the body was asked for");
  ac3.abort(reason3);
  var late = await settle(res3.body.getReader().read());
  assert.sameValue(late.err, reason3, "a stream made after the abort is errored with the reason");

  var ac4 = new AbortController();
  var res4 = await fetch(FIXTURE.http + "/chunked?chunks=3&size=2&delay_ms=300", { signal: ac4.signal });
  var untouched = res4.body;
  var reason4 = new Error("before the first read");
  ac4.abort(reason4);
  assert.sameValue((await settle(untouched.getReader().read())).err, reason4,
    "a stream never read before the abort is errored with the reason");

  var ac5 = new AbortController();
  var res5 = await fetch(FIXTURE.http + "/chunked?chunks=3&size=2&delay_ms=300", { signal: ac5.signal });
  var clone5 = res5.clone();
  var reason5 = new Error("with a clone");
  ac5.abort(reason5);
  var both = await Promise.all([settle(res5.text()), settle(clone5.text())]);
  assert.sameValue(both[0].err, reason5, "the original rejects with the reason");
  assert.sameValue(both[1].err, reason5, "the clone rejects with the reason");
});
