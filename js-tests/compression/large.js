/*---
description: >
  A megabyte of pseudo-random bytes (incompressible) through gzip and
  back in 64 KiB chunks: every byte comes back in order, and the
  decompressed chunks are never empty.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var size = 1 << 20;
  var data = new Uint8Array(size);
  var x = 12345;
  for (var i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; data[i] = x >>> 24; }
  var chunks = [];
  for (var at = 0; at < size; at += 65536) chunks.push(data.slice(at, at + 65536));
  var out = ReadableStream.from(chunks)
    .pipeThrough(new CompressionStream("gzip"))
    .pipeThrough(new DecompressionStream("gzip"));
  var pos = 0;
  var ok = true;
  for await (var c of out) {
    assert(c.length > 0, "no empty chunks");
    for (var j = 0; j < c.length; j++) if (c[j] !== data[pos + j]) ok = false;
    pos += c.length;
  }
  assert.sameValue(pos, size);
  assert(ok, "same bytes");
});
