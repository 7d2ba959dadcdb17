/*---
description: >
  TextEncoderStream (Encoding §5.4): strings in, UTF-8 Uint8Arrays out;
  non-strings are converted with ToString (a Symbol errors the stream
  with a TypeError; a read is made first: transforms run only when the
  readable side pulls); empty chunks give no output; encoding is "utf-8";
  interface members are enumerable getters with brand checks. (node v20
  encodes String(Symbol()); the Encoding Standard converts the chunk to a
  DOMString, which throws for a Symbol, as here.)
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function run(chunks) {
  var ts = new TextEncoderStream();
  var w = ts.writable.getWriter();
  chunks.forEach(function (c) { w.write(c); });
  w.close();
  var out = [];
  for await (var x of ts.readable) out.push(x);
  return out;
}
asyncTest(async function () {
  var ts = new TextEncoderStream();
  assert.sameValue(ts.encoding, "utf-8");
  assert(ts.readable instanceof ReadableStream);
  assert(ts.writable instanceof WritableStream);
  var out = await run(["hé", "", 12]);
  assert.sameValue(out.length, 2, "the empty chunk gives nothing");
  assert(out[0] instanceof Uint8Array);
  assert.compareArray(Array.from(out[0]), [0x68, 0xc3, 0xa9]);
  assert.compareArray(Array.from(out[1]), [0x31, 0x32]);
  var bad = new TextEncoderStream();
  var w = bad.writable.getWriter();
  var reading = bad.readable.getReader().read();
  await assert.throwsAsync(TypeError, function () { return w.write(Symbol()); });
  await assert.throwsAsync(TypeError, function () { return reading; }, "the readable side is errored too");
  ["encoding", "readable", "writable"].forEach(function (k) {
    var d = Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, k);
    assert(d.enumerable, k);
    assert.throws(TypeError, function () { d.get.call({}); }, k + " brand check");
  });
  assert.sameValue(TextEncoderStream.prototype[Symbol.toStringTag], "TextEncoderStream");
  assert.throws(TypeError, function () { TextEncoderStream(); });
});
