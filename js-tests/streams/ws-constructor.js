/*---
description: >
  new WritableStream(underlyingSink, strategy) (§5.2.3): the strategy is
  converted first, then the sink's members in lexicographic order; a
  type member that is not undefined is a RangeError; non-callable
  callbacks are TypeErrors; without new, a TypeError; start is called
  with the sink as this and a WritableStreamDefaultController. (node v20
  reads the members in another order; this follows WebIDL.)
includes: [compareArray.js]
---*/
var order = [];
new WritableStream({
  get abort() { order.push("abort"); return undefined; },
  get close() { order.push("close"); return undefined; },
  get start() { order.push("start"); return undefined; },
  get type() { order.push("type"); return undefined; },
  get write() { order.push("write"); return undefined; },
}, {
  get highWaterMark() { order.push("highWaterMark"); return 1; },
  get size() { order.push("size"); return undefined; },
});
assert.compareArray(order, ["highWaterMark", "size", "abort", "close", "start", "type", "write"]);
assert.throws(RangeError, function () { new WritableStream({ type: "bytes" }); });
assert.throws(RangeError, function () { new WritableStream({ type: null }); });
assert.throws(TypeError, function () { new WritableStream({ write: 1 }); });
assert.throws(TypeError, function () { new WritableStream({ close: {} }); });
assert.throws(TypeError, function () { new WritableStream({ abort: "x" }); });
assert.throws(TypeError, function () { new WritableStream({ start: 2 }); });
assert.throws(TypeError, function () { WritableStream(); });
assert.throws(TypeError, function () { new WritableStream(1); });
var got;
var sink = { start: function (c) { got = [this, c]; } };
new WritableStream(sink);
assert.sameValue(got[0], sink);
assert(got[1] instanceof WritableStreamDefaultController);
assert.throws(TypeError, function () { new WritableStreamDefaultController(); });
new WritableStream();
assert.throws(TypeError, function () { new WritableStream(null); }, "null is not an object");
