/*---
description: >
  Aborting the signal after the response head, while a reader is reading
  the body, errors the body stream with the signal's reason (Fetch §7.2
  "abort the fetch() call" errors the response's body stream with the
  error): the pending read rejects with that reason, reader.closed rejects
  with it too, and a later read rejects the same way. Without a custom
  reason the error is an AbortError DOMException. Expected values from
  node v20 (which agrees with the spec here).
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
});
