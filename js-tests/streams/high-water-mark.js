/*---
description: >
  ExtractHighWaterMark (§7.4): a highWaterMark that is NaN or negative is
  a RangeError in the ReadableStream, WritableStream and TransformStream
  constructors; Infinity and 0 are fine; a non-number is converted first.
---*/
[NaN, -1, -Infinity, "x"].forEach(function (bad) {
  assert.throws(RangeError, function () { new ReadableStream({}, { highWaterMark: bad }); }, "RS " + bad);
  assert.throws(RangeError, function () { new WritableStream({}, { highWaterMark: bad }); }, "WS " + bad);
  assert.throws(RangeError, function () { new TransformStream({}, { highWaterMark: bad }); }, "TS writable " + bad);
  assert.throws(RangeError, function () { new TransformStream({}, {}, { highWaterMark: bad }); }, "TS readable " + bad);
  assert.throws(RangeError, function () { new ReadableStream({ type: "bytes" }, { highWaterMark: bad }); }, "bytes " + bad);
});
var c;
new ReadableStream({ start: function (ctl) { c = ctl; } }, { highWaterMark: Infinity });
assert.sameValue(c.desiredSize, Infinity);
new ReadableStream({ start: function (ctl) { c = ctl; } }, { highWaterMark: "3" });
assert.sameValue(c.desiredSize, 3);
new ReadableStream({}, { highWaterMark: 0 });
assert.throws(TypeError, function () { new ReadableStream({}, { highWaterMark: Symbol() }); });
