/*---
description: >
  DecompressionStream reads streams made elsewhere: gzip, zlib and raw
  deflate bytes of "hello" as node's zlib writes them; compressed output
  starts with the gzip magic (1f 8b 08) and a zlib header (78 xx, a
  multiple of 31) for deflate.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function all(stream) {
  var out = [];
  for await (var c of stream) out = out.concat(Array.from(c));
  return out;
}
function run(format, bytes, Ctor) {
  return all(ReadableStream.from([new Uint8Array(bytes)]).pipeThrough(new Ctor(format)));
}
asyncTest(async function () {
  var hello = [104, 101, 108, 108, 111];
  var gzip = [31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 203, 72, 205, 201, 201, 7, 0, 134, 166, 16, 54, 5, 0, 0, 0];
  var zlib = [120, 156, 203, 72, 205, 201, 201, 7, 0, 6, 44, 2, 21];
  var raw = [203, 72, 205, 201, 201, 7, 0];
  assert.compareArray(await run("gzip", gzip, DecompressionStream), hello);
  assert.compareArray(await run("deflate", zlib, DecompressionStream), hello);
  assert.compareArray(await run("deflate-raw", raw, DecompressionStream), hello);
  var gz = await run("gzip", hello, CompressionStream);
  assert.compareArray(gz.slice(0, 3), [0x1f, 0x8b, 0x08]);
  var z = await run("deflate", hello, CompressionStream);
  assert.sameValue(z[0], 0x78);
  assert.sameValue((z[0] * 256 + z[1]) % 31, 0, "a valid zlib header check");
});
