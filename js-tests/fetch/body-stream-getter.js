/*---
description: >
  The body getter (Fetch §6.3 Body mixin, "body" getter returns the body's
  stream): a ReadableStream, the same object on every access, null without
  a body (new Response(), new Response(null), a GET Request). An empty
  string body is still a stream, which closes at once. Reading it with a
  reader makes bodyUsed true (bodyUsed is the stream's disturbed flag);
  merely locking it does not. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var r = new Response("hello");
  var body = r.body;
  assert(body instanceof ReadableStream, "body is a ReadableStream");
  assert.sameValue(r.body, body, "the same stream each time");
  assert.sameValue(r.bodyUsed, false, "unused before any read");
  assert.sameValue(body.locked, false, "not locked before a reader");

  var reader = body.getReader();
  assert.sameValue(body.locked, true, "a reader locks it");
  assert.sameValue(r.bodyUsed, false, "locking alone does not use the body");
  var first = await reader.read();
  assert.sameValue(r.bodyUsed, true, "a read disturbs the stream");
  assert.sameValue(first.done, false);
  assert(first.value instanceof Uint8Array, "chunks are Uint8Arrays");
  assert.compareArray(Array.from(first.value), [104, 101, 108, 108, 111], "the bytes of 'hello'");
  var end = await reader.read();
  assert.sameValue(end.done, true, "then the stream closes");

  assert.sameValue(new Response().body, null, "no body");
  assert.sameValue(new Response(null).body, null, "a null body");
  assert.sameValue(new Request("http://example.test/").body, null, "a GET request has no body");

  var empty = new Response("");
  assert(empty.body instanceof ReadableStream, "an empty body is a stream, not null");
  var done = await empty.body.getReader().read();
  assert.sameValue(done.done, true, "it closes without a chunk");

  var req = new Request("http://example.test/", { method: "POST", body: "hey" });
  assert(req.body instanceof ReadableStream, "a Request body is a ReadableStream");
  assert.sameValue(req.body, req.body, "the same Request stream each time");
  assert.sameValue(await new Response(req.body).text(), "hey", "its bytes");
  assert.sameValue(req.bodyUsed, true, "the request body was read through its stream");

  assert(Response.json({ a: 1 }).body instanceof ReadableStream, "Response.json has a stream body");
});
