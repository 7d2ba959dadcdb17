/*---
description: >
  Blob.prototype.stream() (File API §3.3.3) returns a ReadableStream of the
  Blob's bytes as Uint8Arrays, with byte reading support (a BYOB reader
  works), a new stream on every call; an empty Blob gives a stream that
  closes at once; a non-Blob `this` is a TypeError. How the bytes are cut
  into chunks is up to the implementation (node v20 yields one chunk per
  part), so only their concatenation is checked. Checked on node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  async function readAll(stream) {
    var reader = stream.getReader();
    var bytes = [];
    for (;;) {
      var step = await reader.read();
      if (step.done) return bytes;
      assert(step.value instanceof Uint8Array, "chunks are Uint8Arrays");
      bytes.push.apply(bytes, Array.from(step.value));
    }
  }
  assert.sameValue(typeof Blob.prototype.stream, "function");
  assert.sameValue(Blob.prototype.stream.length, 0);

  var blob = new Blob(["hé", new Uint8Array([0, 255])], { type: "text/plain" });
  var stream = blob.stream();
  assert(stream instanceof ReadableStream, "a ReadableStream");
  assert.notSameValue(blob.stream(), stream, "a new stream per call");
  assert.compareArray(await readAll(stream), [104, 195, 169, 0, 255], "the bytes");
  assert.compareArray(await readAll(blob.stream()), [104, 195, 169, 0, 255], "again, the same bytes");

  assert.compareArray(await readAll(new Blob([]).stream()), [], "an empty blob");

  var byob = new Blob([new Uint8Array([1, 2, 3, 4, 5])]).stream().getReader({ mode: "byob" });
  var first = await byob.read(new Uint8Array(2));
  assert.sameValue(first.done, false);
  assert.compareArray(Array.from(first.value), [1, 2], "a BYOB read fills the view it was given");

  var sliced = new Blob(["abcdef"]).slice(2, 4);
  assert.sameValue(await new Response(sliced.stream()).text(), "cd", "a slice streams its own bytes");
  var file = new File(["file body"], "f.txt");
  assert.sameValue(await new Response(file.stream()).text(), "file body", "File inherits stream()");

  assert.throws(TypeError, function () { Blob.prototype.stream.call({}); }, "brand check");
});
