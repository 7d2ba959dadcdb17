/*---
description: >
  new ReadableStream(underlyingSource, strategy) (Streams §4.2.3, WebIDL):
  the strategy dictionary is converted before the underlying source's
  members, which are read in lexicographic order; a bad type is a
  TypeError, a non-callable start/pull/cancel a TypeError, a byte stream
  with a size function a RangeError; without new it is a TypeError. (node
  v20 reads the members in another order; this follows WebIDL: arguments
  in order, dictionary members in lexicographic order. node v20 also
  fails with an internal Error for autoAllocateChunkSize -1, where
  [EnforceRange] unsigned long long gives a TypeError.)
includes: [compareArray.js]
---*/
var order = [];
new ReadableStream({
  get autoAllocateChunkSize() { order.push("autoAllocateChunkSize"); return undefined; },
  get cancel() { order.push("cancel"); return undefined; },
  get pull() { order.push("pull"); return undefined; },
  get start() { order.push("start"); return undefined; },
  get type() { order.push("type"); return undefined; },
}, {
  get highWaterMark() { order.push("highWaterMark"); return 1; },
  get size() { order.push("size"); return undefined; },
});
assert.compareArray(order, ["highWaterMark", "size", "autoAllocateChunkSize", "cancel", "pull", "start", "type"]);

assert.throws(TypeError, function () { new ReadableStream({ type: "nope" }); }, "unknown type");
assert.throws(TypeError, function () { new ReadableStream({ start: 1 }); }, "start not callable");
assert.throws(TypeError, function () { new ReadableStream({ pull: {} }); }, "pull not callable");
assert.throws(TypeError, function () { new ReadableStream({ cancel: "x" }); }, "cancel not callable");
assert.throws(TypeError, function () { new ReadableStream(5); }, "source not an object");
assert.throws(TypeError, function () { new ReadableStream({}, 5); }, "strategy not an object");
assert.throws(RangeError, function () { new ReadableStream({ type: "bytes" }, { size: function () { return 1; } }); });
assert.throws(TypeError, function () { ReadableStream(); }, "called without new");
assert.throws(TypeError, function () { new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }); }, "autoAllocateChunkSize 0");
assert.throws(TypeError, function () { new ReadableStream({ type: "bytes", autoAllocateChunkSize: -1 }); }, "[EnforceRange]");
new ReadableStream(undefined);
assert.throws(TypeError, function () { new ReadableStream(null); }, "null is not an object");
new ReadableStream({}, null);
new ReadableStream({ type: "bytes" });
var start;
new ReadableStream({ start: function (c) { start = [this, c]; } });
assert(start[1] instanceof ReadableStreamDefaultController, "start gets a default controller");
var source = { start: function (c) { start = [this, c]; }, type: "bytes" };
new ReadableStream(source);
assert.sameValue(start[0], source, "start is called on the source");
assert(start[1] instanceof ReadableByteStreamController, "a byte stream's controller");
assert.throws(Test262Error, function () {
  new ReadableStream({ start: function () { throw new Test262Error(); } });
}, "start's exception propagates");
