/*---
description: >
  TextDecoderStream (Encoding §5.5): bytes in (any BufferSource), strings
  out; a character split across chunks is decoded whole; the BOM is
  removed unless ignoreBOM; encoding, fatal and ignoreBOM reflect the
  options; an unknown label is a RangeError; a chunk that is not a
  BufferSource errors the stream with a TypeError. (node v20 has no
  Symbol.toStringTag on TextDecoderStream.prototype; WebIDL gives every
  interface prototype one, as here.)
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function decode(stream, chunks) {
  var w = stream.writable.getWriter();
  chunks.forEach(function (c) { w.write(c); });
  w.close().catch(function () {});
  var out = [];
  for await (var x of stream.readable) out.push(x);
  return out;
}
asyncTest(async function () {
  var ds = new TextDecoderStream();
  assert.sameValue(ds.encoding, "utf-8");
  assert.sameValue(ds.fatal, false);
  assert.sameValue(ds.ignoreBOM, false);
  var out = await decode(ds, [new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3]), new Uint8Array([0xa9]).buffer, new DataView(new Uint8Array([0x21]).buffer)]);
  assert.sameValue(out.join(""), "hé!", "BOM removed, split character joined");
  assert.sameValue(out[0], "h", "no output for an incomplete character");
  var kept = await decode(new TextDecoderStream("utf-8", { ignoreBOM: true }), [new Uint8Array([0xef, 0xbb, 0xbf, 0x41])]);
  assert.sameValue(kept.join(""), "\uFEFFA");
  var latin = new TextDecoderStream("latin1");
  assert.sameValue(latin.encoding, "windows-1252");
  assert.sameValue((await decode(latin, [new Uint8Array([0xe9])])).join(""), "é");
  var u16 = await decode(new TextDecoderStream("utf-16le"), [new Uint8Array([0x41]), new Uint8Array([0x00, 0x42, 0x00])]);
  assert.sameValue(u16.join(""), "AB");
  var trailing = await decode(new TextDecoderStream(), [new Uint8Array([0x61, 0xe2, 0x82])]);
  assert.sameValue(trailing.join(""), "a\uFFFD", "an incomplete sequence at the end is U+FFFD");
  assert.throws(RangeError, function () { new TextDecoderStream("nope"); });
  var bad = new TextDecoderStream();
  var reading = bad.readable.getReader().read();
  await assert.throwsAsync(TypeError, function () { return bad.writable.getWriter().write("text"); });
  await assert.throwsAsync(TypeError, function () { return reading; });
  assert.sameValue(TextDecoderStream.prototype[Symbol.toStringTag], "TextDecoderStream");
  assert.sameValue(TextDecoderStream.length, 0);
  assert.throws(TypeError, function () {
    Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, "fatal").get.call(new TextEncoderStream());
  });
});
