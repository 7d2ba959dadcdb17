/*---
description: >
  ReadableStream.from: a next() result that is not an object errors the
  stream with a TypeError; a next() that throws errors it with that
  exception; a return() result that is not an object rejects cancel with a
  TypeError. (Streams §4.9.1 ReadableStreamFromIterable.)
includes: [asyncHelpers.js]
flags: [async]
---*/
function iterableOf(next, ret) {
  return { [Symbol.asyncIterator]: function () { return { next: next, return: ret }; } };
}
asyncTest(async function () {
  var s1 = ReadableStream.from(iterableOf(function () { return 42; }));
  await assert.throwsAsync(TypeError, function () { return s1.getReader().read(); });
  var err = new Error("next");
  var s2 = ReadableStream.from(iterableOf(function () { throw err; }));
  var caught;
  await s2.getReader().read().then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  var s3 = ReadableStream.from(iterableOf(function () { return { done: false, value: 1 }; }, function () { return 1; }));
  await assert.throwsAsync(TypeError, function () { return s3.cancel(); });
});
