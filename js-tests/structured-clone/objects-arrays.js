/*---
description: >
  Plain objects and arrays: enumerable own string-keyed properties are
  cloned (getters invoked once, the clone gets data properties), symbol
  keys and non-enumerable properties are skipped, the prototype is not
  kept, arrays keep holes, length and extra properties (HTML
  StructuredSerialize; node v20 agrees).
includes: [compareArray.js]
---*/

var calls = 0;
var source = { a: 1, nested: { b: [1, 2] } };
Object.defineProperty(source, "g", { get: function () { calls++; return 5; }, enumerable: true });
Object.defineProperty(source, "hidden", { value: 1, enumerable: false });
source[Symbol("s")] = 1;
var clone = structuredClone(source);
assert.sameValue(calls, 1, "getter invoked once");
var desc = Object.getOwnPropertyDescriptor(clone, "g");
assert.sameValue(desc.value, 5, "getter value");
assert.sameValue(desc.writable && desc.enumerable && desc.configurable, true, "a data property");
assert.sameValue("hidden" in clone, false, "non-enumerable skipped");
assert.sameValue(Object.getOwnPropertySymbols(clone).length, 0, "symbol keys skipped");
assert.notSameValue(clone.nested, source.nested, "deep copy");
assert.compareArray(clone.nested.b, [1, 2], "nested array");
assert.compareArray(Object.keys(clone), ["a", "nested", "g"], "key order");

// Property order: integer keys first, then strings in creation order.
assert.compareArray(Object.keys(structuredClone({ b: 1, 2: 1, a: 1, 1: 1 })), ["1", "2", "b", "a"], "order");

// Prototype not preserved.
class Point { constructor() { this.x = 1; } get y() { return 2; } }
var p = structuredClone(new Point());
assert.sameValue(Object.getPrototypeOf(p), Object.prototype, "class instance becomes a plain object");
assert.sameValue(p.x, 1, "own field");
assert.sameValue(p.y, undefined, "prototype getter not copied");
var bare = Object.create(null);
bare.k = 1;
assert.sameValue(Object.getPrototypeOf(structuredClone(bare)), Object.prototype, "null prototype becomes Object.prototype");

// A getter that deletes a later property: the deleted one is skipped; one
// that adds a property: the new one is not cloned.
var deleting = { a: 1, get b() { delete this.c; return 2; }, c: 3 };
assert.compareArray(Object.keys(structuredClone(deleting)), ["a", "b"], "deleted during cloning");
var adding = { get a() { this.z = 1; return 1; } };
assert.compareArray(Object.keys(structuredClone(adding)), ["a"], "added during cloning");
// An exception from a getter propagates.
assert.throws(RangeError, function () { structuredClone({ get a() { throw new RangeError("boom"); } }); });

// Arrays.
var arr = [1, , 3];
arr.extra = "y";
var arrClone = structuredClone(arr);
assert(Array.isArray(arrClone), "Array");
assert.sameValue(arrClone.length, 3, "length");
assert.sameValue(1 in arrClone, false, "hole kept");
assert.sameValue(arrClone.extra, "y", "extra property kept");
assert.compareArray(Object.keys(arrClone), ["0", "2", "extra"], "keys");
var sparse = [];
sparse.length = 5;
assert.sameValue(structuredClone(sparse).length, 5, "length of an empty sparse array");
