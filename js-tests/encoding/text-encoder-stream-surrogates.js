/*---
description: >
  TextEncoderStream keeps a high surrogate at the end of a chunk for the
  next chunk (Encoding §5.4 "encode and enqueue a chunk"): a pair split
  across chunks encodes as one 4-byte sequence; a lone surrogate becomes
  U+FFFD (EF BF BD); a high surrogate left at the end is flushed as
  U+FFFD.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function bytes(chunks) {
  var ts = new TextEncoderStream();
  var w = ts.writable.getWriter();
  chunks.forEach(function (c) { w.write(c); });
  w.close();
  var all = [];
  for await (var x of ts.readable) all = all.concat(Array.from(x));
  return all;
}
asyncTest(async function () {
  assert.compareArray(await bytes(["a\uD83D", "\uDE00b"]), [0x61, 0xf0, 0x9f, 0x98, 0x80, 0x62], "split pair");
  assert.compareArray(await bytes(["\uD83D", "\uDE00"]), [0xf0, 0x9f, 0x98, 0x80], "pair alone in chunks");
  assert.compareArray(await bytes(["\uDE00"]), [0xef, 0xbf, 0xbd], "lone low surrogate");
  assert.compareArray(await bytes(["\uD83D", "x"]), [0xef, 0xbf, 0xbd, 0x78], "high then not low");
  assert.compareArray(await bytes(["x\uD83D"]), [0x78, 0xef, 0xbf, 0xbd], "high at the end is flushed");
  assert.compareArray(await bytes(["\uD83D", "\uD83D", "\uDE00"]), [0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x98, 0x80], "two highs");
  assert.compareArray(await bytes(["\uD83D", ""]), [0xef, 0xbf, 0xbd], "an empty chunk keeps nothing pending");
});
