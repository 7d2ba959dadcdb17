/*---
description: >
  tee() of a readable byte stream (§4.9.1 ReadableByteStreamTee) gives two
  byte streams: each branch gets every byte, in separate buffers (writing
  into one branch's chunk does not change the other's); one branch can be
  read with a BYOB reader while the other uses a default reader.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var n = 0;
  var rs = new ReadableStream({
    type: "bytes",
    pull: function (c) {
      n++;
      if (n > 3) c.close();
      else c.enqueue(new Uint8Array([n, n * 10]));
    },
  });
  var pair = rs.tee();
  assert(pair[0].getReader({ mode: "byob" }) instanceof ReadableStreamBYOBReader, "a branch is a byte stream");
  pair[0] = null;
  var rs2 = new ReadableStream({
    type: "bytes",
    start: function (c) { c.enqueue(new Uint8Array([1, 2, 3])); c.enqueue(new Uint8Array([4])); c.close(); },
  });
  var branches = rs2.tee();
  var a = branches[0].getReader();
  var b = branches[1].getReader({ mode: "byob" });
  var ra = await a.read();
  ra.value[0] = 99;
  var rb = await b.read(new Uint8Array(10));
  assert.compareArray(Array.from(rb.value).slice(0, 3), [1, 2, 3], "the other branch has its own copy");
  var gotA = Array.from(ra.value);
  var gotB = Array.from(rb.value);
  for (;;) { var x = await a.read(); if (x.done) break; gotA = gotA.concat(Array.from(x.value)); }
  for (;;) { var y = await b.read(new Uint8Array(10)); if (y.done) break; gotB = gotB.concat(Array.from(y.value)); }
  assert.compareArray(gotA, [99, 2, 3, 4]);
  assert.compareArray(gotB.slice(gotB.length - 1), [4]);
  assert.sameValue(gotB.reduce(function (s, v) { return s + v; }, 0), 10, "all bytes on the BYOB branch");
});
