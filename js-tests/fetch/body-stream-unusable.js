/*---
description: >
  A body whose stream is locked or disturbed is unusable (Fetch §6.3
  "unusable", "consume body" step 1): text(), arrayBuffer(), json(),
  bytes() reject with a TypeError, clone() throws a TypeError, and so does
  new Response(stream) / new Request with a locked or disturbed stream
  (Fetch §6.1 "extract": a locked or disturbed stream is a TypeError).
  Cancelling the stream disturbs it (bodyUsed true); a body read with
  text() leaves a locked, disturbed stream behind. Expected values from
  node v20.
includes: [asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var locked = new Response("abc");
  locked.body.getReader();
  assert.sameValue(locked.bodyUsed, false, "locked but not read");
  await assert.throwsAsync(TypeError, function () { return locked.text(); }, "text() of a locked body");
  await assert.throwsAsync(TypeError, function () { return locked.arrayBuffer(); }, "arrayBuffer() of a locked body");
  assert.throws(TypeError, function () { locked.clone(); }, "clone() of a locked body");
  assert.throws(TypeError, function () { new Response(locked.body); }, "a Response from a locked stream");

  var read = new Response("x");
  var reader = read.body.getReader();
  await reader.read();
  await reader.read();
  reader.releaseLock();
  assert.sameValue(read.body.locked, false, "released");
  assert.sameValue(read.bodyUsed, true, "disturbed");
  await assert.throwsAsync(TypeError, function () { return read.text(); }, "text() of a disturbed body");
  await assert.throwsAsync(TypeError, function () { return read.json(); }, "json() of a disturbed body");
  assert.throws(TypeError, function () { read.clone(); }, "clone() of a disturbed body");
  assert.throws(TypeError, function () { new Response(read.body); }, "a Response from a disturbed stream");
  assert.throws(TypeError, function () {
    new Request("http://example.test/", { method: "POST", body: read.body, duplex: "half" });
  }, "a Request from a disturbed stream");

  var cancelled = new Response("y");
  await cancelled.body.cancel();
  assert.sameValue(cancelled.bodyUsed, true, "cancel disturbs the stream");
  await assert.throwsAsync(TypeError, function () { return cancelled.text(); }, "text() after cancel");

  var consumed = new Response("abc");
  assert.sameValue(await consumed.text(), "abc");
  var after = consumed.body;
  assert(after instanceof ReadableStream, "a consumed body still has a stream");
  assert.sameValue(after.locked, true, "locked by the read");
  assert.sameValue(consumed.bodyUsed, true);
  assert.throws(TypeError, function () { after.getReader(); }, "nobody else can read it");
});
