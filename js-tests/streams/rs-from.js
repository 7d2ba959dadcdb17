/*---
description: >
  ReadableStream.from (§4.2.2): from an array, a sync iterable whose
  values are promises (awaited), an async generator, another
  ReadableStream; a non-iterable argument is a TypeError; canceling calls
  the iterator's return with the reason. (node v20.6+ has from.)
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
async function collect(stream) {
  var out = [];
  for await (var x of stream) out.push(x);
  return out;
}
asyncTest(async function () {
  assert.compareArray(await collect(ReadableStream.from([1, 2, 3])), [1, 2, 3]);
  assert.compareArray(await collect(ReadableStream.from([Promise.resolve("p"), "q"])), ["p", "q"]);
  async function* gen() { yield "a"; yield "b"; }
  var s = ReadableStream.from(gen());
  assert(s instanceof ReadableStream);
  assert.compareArray(await collect(s), ["a", "b"]);
  var inner = ReadableStream.from(["x"]);
  assert.compareArray(await collect(ReadableStream.from(inner)), ["x"]);
  assert.compareArray(await collect(ReadableStream.from("hi")), ["h", "i"], "a string is iterable");
  assert.throws(TypeError, function () { ReadableStream.from(5); });
  assert.throws(TypeError, function () { ReadableStream.from({}); });
  assert.throws(TypeError, function () { ReadableStream.from(); });
  assert.throws(TypeError, function () { ReadableStream.from({ [Symbol.asyncIterator]: 1 }); });

  var returned = [];
  var iterable = {
    [Symbol.asyncIterator]: function () {
      return {
        next: function () { return Promise.resolve({ value: 1, done: false }); },
        return: function (r) { returned.push(r); return Promise.resolve({ done: true }); },
      };
    },
  };
  var st = ReadableStream.from(iterable);
  await st.cancel("stop");
  assert.compareArray(returned, ["stop"]);
});
