/*---
description: >
  autoAllocateChunkSize: a default reader's read on a byte stream makes a
  byobRequest over a new buffer of that size, and respond(n) gives the
  reader a Uint8Array of n bytes; without it there is no byobRequest.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var seen = [];
  var rs = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 16,
    pull: function (c) {
      var v = c.byobRequest.view;
      seen.push(v.byteLength, v.buffer.byteLength);
      v.set([7, 8, 9]);
      c.byobRequest.respond(3);
    },
  });
  var r = await rs.getReader().read();
  assert.compareArray(Array.from(r.value), [7, 8, 9]);
  assert.sameValue(r.value.buffer.byteLength, 16);
  assert.compareArray(seen, [16, 16]);

  var req = "unset";
  var rs2 = new ReadableStream({
    type: "bytes",
    pull: function (c) { req = c.byobRequest; c.enqueue(new Uint8Array([1])); },
  });
  await rs2.getReader().read();
  assert.sameValue(req, null, "no byobRequest without autoAllocateChunkSize and a default reader");
});
