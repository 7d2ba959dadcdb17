/*---
description: >
  Invalid compressed data errors a DecompressionStream as soon as the
  decompressor sees it, before the writable side is closed: three bytes
  that cannot start a gzip member (wrong magic) or a zlib stream (bad
  header check) reject the pending read and the write with a TypeError.
  (node v20 rejects at the same point, with zlib's plain Error; the
  Compression Standard says TypeError.)
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  for (var format of ["gzip", "deflate"]) {
    var ds = new DecompressionStream(format);
    var reading = ds.readable.getReader().read();
    var writing = ds.writable.getWriter().write(new Uint8Array([1, 2, 3]));
    await assert.throwsAsync(TypeError, function () { return reading; }, format + " read");
    await assert.throwsAsync(TypeError, function () { return writing; }, format + " write");
  }
});
