/*---
description: >
  clone() of a stream body tees it (Fetch §2.2 "clone a body": both
  branches of ReadableStream tee): both the original and the clone read
  every chunk, in either order, for a Response and for a Request; the
  original's body is a new stream (a tee branch), and BYOB reads of a
  clone work (byte streams tee into byte streams). Cloning after a read
  throws a TypeError. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

function streamOf(chunks) {
  return new ReadableStream({
    start: function (c) {
      chunks.forEach(function (chunk) { c.enqueue(new Uint8Array(chunk)); });
      c.close();
    }
  });
}

asyncTest(async function () {
  var s = streamOf([[1, 2], [3]]);
  var r = new Response(s, { status: 201 });
  var c = r.clone();
  assert.sameValue(c.status, 201);
  assert.notSameValue(r.body, s, "the original now holds a tee branch");
  assert.sameValue(s.locked, true, "the source stream is locked by the tee");
  assert.compareArray(Array.from(new Uint8Array(await c.arrayBuffer())), [1, 2, 3], "the clone first");
  assert.compareArray(Array.from(new Uint8Array(await r.arrayBuffer())), [1, 2, 3], "then the original");
  assert.throws(TypeError, function () { r.clone(); }, "a used body cannot be cloned");

  var req = new Request("http://example.test/", { method: "POST", body: streamOf([[7], [8, 9]]), duplex: "half" });
  var reqClone = req.clone();
  assert.compareArray(Array.from(new Uint8Array(await req.arrayBuffer())), [7, 8, 9], "request original");
  assert.compareArray(Array.from(new Uint8Array(await reqClone.arrayBuffer())), [7, 8, 9], "request clone");

  var bytes = new Response("abcdefghij");
  bytes.body; // the body is a stream now
  var twin = bytes.clone();
  var reader = twin.body.getReader({ mode: "byob" });
  var total = 0;
  for (;;) {
    var step = await reader.read(new Uint8Array(4));
    if (step.done) break;
    assert(step.value.length <= 4, "a BYOB read fills at most the view");
    total += step.value.length;
  }
  assert.sameValue(total, 10, "BYOB reads of a clone get every byte");
  assert.sameValue(await bytes.text(), "abcdefghij", "the original is intact");
});
