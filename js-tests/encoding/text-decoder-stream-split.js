/*---
description: >
  TextDecoderStream decodes characters split anywhere across chunks: a
  4-byte UTF-8 sequence one byte per chunk, a UTF-16LE surrogate pair
  split between its two code units and inside a code unit; output comes
  out as soon as a character is complete, and no empty strings are
  enqueued.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function decode(label, chunks) {
  var ds = new TextDecoderStream(label);
  var w = ds.writable.getWriter();
  chunks.forEach(function (c) { w.write(new Uint8Array(c)); });
  w.close();
  var out = [];
  for await (var s of ds.readable) out.push(s);
  return out;
}
asyncTest(async function () {
  assert.compareArray(await decode("utf-8", [[0xf0], [0x9f], [0x98], [0x80], [0x21]]), ["\uD83D\uDE00", "!"]);
  assert.compareArray(await decode("utf-16le", [[0x3d, 0xd8], [0x00, 0xde]]), ["\uD83D\uDE00"]);
  assert.compareArray(await decode("utf-16le", [[0x3d], [0xd8, 0x00], [0xde, 0x41], [0x00]]), ["\uD83D\uDE00", "A"]);
  assert.compareArray(await decode("utf-16le", [[0x3d, 0xd8]]), ["\uFFFD"], "a lone high surrogate at the end");
});
