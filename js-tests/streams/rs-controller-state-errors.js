/*---
description: >
  ReadableStreamDefaultController: enqueue or close after close, or after
  the stream errored, is a TypeError; error() after close does nothing; a
  controller cannot be constructed; its methods brand-check.
---*/
var c;
new ReadableStream({ start: function (ctl) { c = ctl; } });
c.enqueue("a");
c.close();
assert.throws(TypeError, function () { c.enqueue("b"); }, "enqueue after close");
assert.throws(TypeError, function () { c.close(); }, "close twice");
c.error(new Error("ignored"));
var c2;
new ReadableStream({ start: function (ctl) { c2 = ctl; } });
c2.error(new Error("x"));
assert.throws(TypeError, function () { c2.enqueue("a"); }, "enqueue after error");
assert.throws(TypeError, function () { c2.close(); }, "close after error");
assert.throws(TypeError, function () { new ReadableStreamDefaultController(); }, "illegal constructor");
assert.throws(TypeError, function () { ReadableStreamDefaultController.prototype.enqueue.call({}, 1); });
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(ReadableStreamDefaultController.prototype, "desiredSize").get.call({});
});
assert.sameValue(ReadableStreamDefaultController.prototype[Symbol.toStringTag], "ReadableStreamDefaultController");
assert.sameValue(ReadableStreamDefaultController.prototype.enqueue.length, 0);
assert.sameValue(ReadableStreamDefaultController.prototype.error.length, 0);
assert.sameValue(ReadableStreamDefaultController.prototype.close.length, 0);
