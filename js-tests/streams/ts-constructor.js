/*---
description: >
  new TransformStream(transformer, writableStrategy, readableStrategy):
  the two strategies are converted before the transformer; readableType
  or writableType other than undefined is a RangeError; non-callable
  callbacks are TypeErrors; the default high-water marks are 1 on the
  writable side and 0 on the readable side; start gets the controller and
  its exceptions propagate; without new it is a TypeError. (node v20 reads
  the members in another order; this follows WebIDL.)
includes: [compareArray.js]
---*/
var order = [];
new TransformStream({
  get cancel() { order.push("cancel"); },
  get flush() { order.push("flush"); },
  get readableType() { order.push("readableType"); },
  get start() { order.push("start"); },
  get transform() { order.push("transform"); },
  get writableType() { order.push("writableType"); },
}, {
  get highWaterMark() { order.push("w.highWaterMark"); },
  get size() { order.push("w.size"); },
}, {
  get highWaterMark() { order.push("r.highWaterMark"); },
  get size() { order.push("r.size"); },
});
assert.compareArray(order, ["w.highWaterMark", "w.size", "r.highWaterMark", "r.size",
  "cancel", "flush", "readableType", "start", "transform", "writableType"]);
assert.throws(RangeError, function () { new TransformStream({ readableType: "bytes" }); });
assert.throws(RangeError, function () { new TransformStream({ writableType: "bytes" }); });
assert.throws(TypeError, function () { new TransformStream({ transform: 1 }); });
assert.throws(TypeError, function () { new TransformStream({ flush: {} }); });
assert.throws(TypeError, function () { TransformStream(); });
assert.throws(TypeError, function () { new TransformStream(null); }, "null is not an object");
new TransformStream(undefined, null, null);
var ctl;
var ts = new TransformStream({ start: function (c) { ctl = c; } });
assert(ctl instanceof TransformStreamDefaultController);
assert.sameValue(ctl.desiredSize, 0, "readable side highWaterMark 0");
assert.sameValue(ts.writable.getWriter().desiredSize, 1, "writable side highWaterMark 1");
var ts2 = new TransformStream({}, { highWaterMark: 4 }, { highWaterMark: 2 });
assert.sameValue(ts2.writable.getWriter().desiredSize, 4);
assert.throws(Test262Error, function () { new TransformStream({ start: function () { throw new Test262Error(); } }); });
assert.throws(TypeError, function () { new TransformStreamDefaultController(); });
