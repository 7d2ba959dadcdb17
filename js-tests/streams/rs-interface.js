/*---
description: >
  The ReadableStream interface (WebIDL §3.7): enumerable prototype members,
  Symbol.toStringTag, function lengths, [Symbol.asyncIterator] === values,
  the static from, brand checks (TypeError or a rejected promise for
  promise-returning operations).
includes: [propertyHelper.js, asyncHelpers.js]
flags: [async]
---*/
var proto = ReadableStream.prototype;
["cancel", "getReader", "pipeThrough", "pipeTo", "tee", "values"].forEach(function (name) {
  verifyProperty(proto, name, { writable: true, enumerable: true, configurable: true }, { restore: true });
});
assert.sameValue(Object.getOwnPropertyDescriptor(proto, "locked").enumerable, true);
assert.sameValue(typeof Object.getOwnPropertyDescriptor(proto, "locked").get, "function");
assert.sameValue(Object.getOwnPropertyDescriptor(proto, "locked").set, undefined);
assert.sameValue(proto[Symbol.toStringTag], "ReadableStream");
assert.sameValue(Object.prototype.toString.call(new ReadableStream()), "[object ReadableStream]");
assert.sameValue(proto[Symbol.asyncIterator], proto.values);
assert.sameValue(ReadableStream.length, 0);
assert.sameValue(proto.cancel.length, 0);
assert.sameValue(proto.getReader.length, 0);
assert.sameValue(proto.pipeThrough.length, 1);
assert.sameValue(proto.pipeTo.length, 1);
assert.sameValue(proto.tee.length, 0);
assert.sameValue(proto.values.length, 0);
assert.sameValue(typeof ReadableStream.from, "function");
assert.sameValue(ReadableStream.from.length, 1);
assert.throws(TypeError, function () { Object.getOwnPropertyDescriptor(proto, "locked").get.call({}); });
assert.throws(TypeError, function () { proto.getReader.call({}); });
assert.throws(TypeError, function () { proto.tee.call(new WritableStream()); });
asyncTest(async function () {
  await assert.throwsAsync(TypeError, function () { return proto.cancel.call({}); });
  await assert.throwsAsync(TypeError, function () { return proto.pipeTo.call({}, new WritableStream()); });
});
