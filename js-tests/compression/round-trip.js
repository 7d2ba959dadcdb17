/*---
description: >
  CompressionStream then DecompressionStream gives back the input for
  gzip, deflate and deflate-raw, with many small chunks and with
  ArrayBuffer, DataView and typed array chunks; the compressed output is
  Uint8Arrays. (node v20 never settles when a DecompressionStream gets an
  ArrayBuffer chunk; the standard takes any BufferSource, as here.)
includes: [asyncHelpers.js]
flags: [async]
---*/
async function concat(stream) {
  var parts = [];
  var total = 0;
  for await (var chunk of stream) {
    assert(chunk instanceof Uint8Array, "chunks are Uint8Arrays");
    parts.push(chunk);
    total += chunk.length;
  }
  var out = new Uint8Array(total);
  var at = 0;
  parts.forEach(function (p) { out.set(p, at); at += p.length; });
  return out;
}
asyncTest(async function () {
  var text = "";
  for (var i = 0; i < 2000; i++) text += "line " + i + " of some repetitive text\n";
  var bytes = new TextEncoder().encode(text);
  for (var format of ["gzip", "deflate", "deflate-raw"]) {
    var chunks = [];
    for (var at = 0; at < bytes.length; at += 1000) chunks.push(bytes.slice(at, at + 1000));
    var compressed = await concat(ReadableStream.from(chunks).pipeThrough(new CompressionStream(format)));
    assert(compressed.length < bytes.length / 4, format + " compresses");
    var pieces = [compressed.buffer.slice(0, 10), new DataView(compressed.buffer, 10, 7), new Uint8Array(compressed.buffer, 17)];
    var back = await concat(ReadableStream.from(pieces).pipeThrough(new DecompressionStream(format)));
    assert.sameValue(new TextDecoder().decode(back), text, format + " round trip");
  }
  var empty = await concat(ReadableStream.from([]).pipeThrough(new CompressionStream("gzip")).pipeThrough(new DecompressionStream("gzip")));
  assert.sameValue(empty.length, 0, "empty input");
});
