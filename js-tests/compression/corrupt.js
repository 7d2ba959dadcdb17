/*---
description: >
  DecompressionStream errors the stream with a TypeError (Compression §5)
  for invalid data, for a truncated stream (at close), for trailing data
  after the end of a gzip, deflate or deflate-raw stream, and for a chunk
  that is not a BufferSource. (node v20 errors with zlib's plain Error for
  corrupt data; the Compression Standard says TypeError, as here.)
includes: [asyncHelpers.js]
flags: [async]
---*/
function feed(format, chunks) {
  var ds = new DecompressionStream(format);
  var w = ds.writable.getWriter();
  chunks.forEach(function (c) { w.write(c).catch(function () {}); });
  w.close().catch(function () {});
  return ds.readable;
}
async function drain(stream) {
  for await (var c of stream) void c;
}
asyncTest(async function () {
  var gzip = [31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 203, 72, 205, 201, 201, 7, 0, 134, 166, 16, 54, 5, 0, 0, 0];
  var zlib = [120, 156, 203, 72, 205, 201, 201, 7, 0, 6, 44, 2, 21];
  var raw = [203, 72, 205, 201, 201, 7, 0];
  await assert.throwsAsync(TypeError, function () { return drain(feed("gzip", [new Uint8Array([1, 2, 3, 4])])); }, "not gzip");
  await assert.throwsAsync(TypeError, function () { return drain(feed("deflate", [new Uint8Array([1, 2, 3, 4])])); }, "not zlib");
  await assert.throwsAsync(TypeError, function () { return drain(feed("gzip", [new Uint8Array(gzip.slice(0, 20))])); }, "truncated gzip");
  await assert.throwsAsync(TypeError, function () { return drain(feed("deflate", [new Uint8Array(zlib.slice(0, 9))])); }, "truncated zlib");
  await assert.throwsAsync(TypeError, function () { return drain(feed("deflate-raw", [new Uint8Array(raw.slice(0, 3))])); }, "truncated raw");
  await assert.throwsAsync(TypeError, function () { return drain(feed("gzip", [new Uint8Array(gzip.concat([0]))])); }, "trailing gzip");
  await assert.throwsAsync(TypeError, function () { return drain(feed("deflate", [new Uint8Array(zlib), new Uint8Array([1])])); }, "trailing zlib, next chunk");
  await assert.throwsAsync(TypeError, function () { return drain(feed("deflate-raw", [new Uint8Array(raw.concat([9, 9]))])); }, "trailing raw");
  var badCrc = gzip.slice();
  badCrc[18] ^= 1;
  await assert.throwsAsync(TypeError, function () { return drain(feed("gzip", [new Uint8Array(badCrc)])); }, "bad CRC");
  await assert.throwsAsync(TypeError, function () { return drain(feed("gzip", ["text"])); }, "not a BufferSource");
  var cs = new CompressionStream("gzip");
  var reading = cs.readable.getReader().read();
  await assert.throwsAsync(TypeError, function () { return cs.writable.getWriter().write(42); }, "compress: not a BufferSource");
  await assert.throwsAsync(TypeError, function () { return reading; });
  await drain(feed("gzip", [new Uint8Array(gzip), new Uint8Array(0)]));
});
