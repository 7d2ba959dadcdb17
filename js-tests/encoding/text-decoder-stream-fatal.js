/*---
description: >
  TextDecoderStream with fatal: true errors the stream with a TypeError on
  invalid bytes, and on an incomplete sequence at the end (flush); the
  fatal attribute is true.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var ds = new TextDecoderStream("utf-8", { fatal: true });
  assert.sameValue(ds.fatal, true);
  var w = ds.writable.getWriter();
  var reading = ds.readable.getReader().read();
  await assert.throwsAsync(TypeError, function () { return w.write(new Uint8Array([0xff])); });
  await assert.throwsAsync(TypeError, function () { return reading; });

  var ds2 = new TextDecoderStream("utf-8", { fatal: true });
  var w2 = ds2.writable.getWriter();
  var reader = ds2.readable.getReader();
  w2.write(new Uint8Array([0x61, 0xe2]));
  var first = await reader.read();
  assert.sameValue(first.value, "a");
  await assert.throwsAsync(TypeError, function () { return w2.close(); }, "incomplete at the end");
  await assert.throwsAsync(TypeError, function () { return reader.read(); });
});
