/*---
description: >
  CountQueuingStrategy and ByteLengthQueuingStrategy (§7): highWaterMark
  is required (TypeError otherwise) and kept as given (converted to a
  number, not validated); size is the same function for every instance of
  a class (per realm), named "size" with length 0 / 1, not a
  constructor; brand checks; toStringTag.
---*/
var a = new CountQueuingStrategy({ highWaterMark: 3 });
var b = new CountQueuingStrategy({ highWaterMark: "5" });
assert.sameValue(a.highWaterMark, 3);
assert.sameValue(b.highWaterMark, 5);
assert.sameValue(a.size, b.size, "one size function");
assert.sameValue(a.size(), 1);
assert.sameValue(a.size.name, "size");
assert.sameValue(a.size.length, 0);
assert.throws(TypeError, function () { new a.size(); }, "not a constructor");
var x = new ByteLengthQueuingStrategy({ highWaterMark: -1 });
assert.sameValue(x.highWaterMark, -1, "not validated here");
assert.sameValue(x.size, new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size);
assert.sameValue(x.size({ byteLength: 7 }), 7);
assert.sameValue(x.size.length, 1);
assert.notSameValue(x.size, a.size);
assert.sameValue(new CountQueuingStrategy({ highWaterMark: NaN }).highWaterMark, NaN);
assert.throws(TypeError, function () { new CountQueuingStrategy(); });
assert.throws(TypeError, function () { new CountQueuingStrategy({}); });
assert.throws(TypeError, function () { new ByteLengthQueuingStrategy({}); });
assert.throws(TypeError, function () { CountQueuingStrategy({ highWaterMark: 1 }); });
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, "highWaterMark").get.call(x);
}, "brand check");
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(ByteLengthQueuingStrategy.prototype, "size").get.call(a);
});
assert.sameValue(CountQueuingStrategy.prototype[Symbol.toStringTag], "CountQueuingStrategy");
assert.sameValue(ByteLengthQueuingStrategy.prototype[Symbol.toStringTag], "ByteLengthQueuingStrategy");
assert.sameValue(CountQueuingStrategy.length, 1);
assert(Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, "size").enumerable);
var rs = new ReadableStream({}, new CountQueuingStrategy({ highWaterMark: 4 }));
var c;
new ReadableStream({ start: function (ctl) { c = ctl; } }, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
c.enqueue(new Uint8Array(4));
assert.sameValue(c.desiredSize, 6, "ByteLengthQueuingStrategy measures byteLength");
void rs;
