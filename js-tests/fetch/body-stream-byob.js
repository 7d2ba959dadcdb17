/*---
description: >
  Body streams are byte streams (Fetch §2.2 body streams are set up "with
  byte reading support"): getReader({mode: "byob"}) works and reads fill
  the caller's view, up to its length, until a read reports done. Reading
  to the end includes the last read that resolves {done: true}, for a
  non-empty and an empty body (a BYOB read pending when the body ends must
  settle: Streams §4.9 the source responds with 0 bytes after close).
  Expected values from node v20.
includes: [asyncHelpers.js]
flags: [async]
---*/

async function drain(stream, size) {
  var reader = stream.getReader({ mode: "byob" });
  var text = "";
  for (var reads = 0; reads < 100; reads++) {
    var step = await reader.read(new Uint8Array(size));
    if (step.done) {
      assert(step.value instanceof Uint8Array, "the done read hands back a view");
      assert.sameValue(step.value.length, 0, "an empty one");
      return text;
    }
    assert(step.value.length > 0 && step.value.length <= size, "a read fills 1.." + size + " bytes");
    text += String.fromCharCode.apply(null, step.value);
  }
  throw new Test262Error("the stream never ended");
}

asyncTest(async function () {
  assert.sameValue(await drain(new Response("abcdefghij").body, 4), "abcdefghij", "a body of 10 bytes, 4 at a time");
  assert.sameValue(await drain(new Response("").body, 4), "", "an empty body ends at the first read");
  var req = new Request("http://example.test/", { method: "PUT", body: "xyz" });
  assert.sameValue(await drain(req.body, 1), "xyz", "a Request body, one byte at a time");
});
