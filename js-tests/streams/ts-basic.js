/*---
description: >
  TransformStream: the default transform is the identity; a transform
  may enqueue zero or several chunks per input; writes resolve as they
  are transformed; closing the writable side closes the readable side.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function collect(rs) {
  var out = [];
  for await (var x of rs) out.push(x);
  return out;
}
asyncTest(async function () {
  var identity = new TransformStream();
  assert(identity.readable instanceof ReadableStream);
  assert(identity.writable instanceof WritableStream);
  assert.sameValue(identity.readable, identity.readable);
  var w = identity.writable.getWriter();
  w.write("a");
  w.write("b");
  w.close();
  assert.compareArray(await collect(identity.readable), ["a", "b"]);

  var ts = new TransformStream({
    transform: function (chunk, c) {
      assert(c instanceof TransformStreamDefaultController);
      for (var i = 0; i < chunk; i++) c.enqueue(chunk);
    },
  });
  var w2 = ts.writable.getWriter();
  var reading = collect(ts.readable);
  await w2.write(2);
  await w2.write(0);
  await w2.write(3);
  await w2.close();
  assert.compareArray(await reading, [2, 2, 3, 3, 3]);
});
