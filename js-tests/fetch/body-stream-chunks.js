/*---
description: >
  Reading a stream body whose chunks are not Uint8Arrays rejects with a
  TypeError (Fetch §6.3 "consume body" fully reads the stream, and
  "fully read" / "read all bytes" reject a chunk that is not a
  Uint8Array): a string, an ArrayBuffer, a Uint16Array, a DataView. A
  stream that errors rejects the read with the stream's own error.
  Expected values from node v20.
includes: [asyncHelpers.js]
flags: [async]
---*/

function streamOf(chunk) {
  return new ReadableStream({
    start: function (c) {
      c.enqueue(chunk);
      c.close();
    }
  });
}

asyncTest(async function () {
  var bad = [
    ["a string", "str"],
    ["an ArrayBuffer", new ArrayBuffer(2)],
    ["a Uint16Array", new Uint16Array(2)],
    ["a DataView", new DataView(new ArrayBuffer(2))],
    ["a number", 42]
  ];
  for (var i = 0; i < bad.length; i++) {
    var r = new Response(streamOf(bad[i][1]));
    await assert.throwsAsync(TypeError, function () { return r.text(); }, "text() with " + bad[i][0]);
    assert.sameValue(r.bodyUsed, true, "the body was used by the failed read (" + bad[i][0] + ")");
  }
  var ab = new Response(streamOf("x"));
  await assert.throwsAsync(TypeError, function () { return ab.arrayBuffer(); }, "arrayBuffer() with a string chunk");

  var boom = new RangeError("boom");
  var errored = new Response(new ReadableStream({ start: function (c) { c.error(boom); } }));
  var got = await errored.text().then(function () { return null; }, function (e) { return e; });
  assert.sameValue(got, boom, "an errored stream rejects with its error");

  var late = new Response(new ReadableStream({
    start: function (c) {
      c.enqueue(new Uint8Array([1]));
      c.error(boom);
    }
  }));
  var got2 = await late.arrayBuffer().then(function () { return null; }, function (e) { return e; });
  assert.sameValue(got2, boom, "an error after a chunk rejects with the error too");
});
