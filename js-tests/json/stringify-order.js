/*---
description: >
  JSON.stringify reads properties in the spec's order and sees every
  change user code makes on the way (toJSON, getters, replacer): a
  property deleted by an earlier member's toJSON reads through the
  prototype, one made non-enumerable still serializes (the key list is
  taken before the values are read), a getter on a prototype runs for
  every object. Expected values from node v20.
includes: [compareArray.js]
---*/
var calls = 0;
Object.defineProperty(Object.prototype, "toJSON", {
  get: function () { calls++; return undefined; },
  configurable: true,
});
assert.sameValue(JSON.stringify({ a: { b: 1 }, c: [{}, {}] }), '{"a":{"b":1},"c":[{},{}]}');
assert.sameValue(calls, 5, "the inherited toJSON getter runs once per object and array");
delete Object.prototype.toJSON;

var o = {
  a: { toJSON: function () { delete o.b; o.c = 9; Object.defineProperty(o, "d", { enumerable: false }); return 1; } },
  b: 2, c: 3, d: 4,
};
assert.sameValue(JSON.stringify(o), '{"a":1,"c":9,"d":4}');

Object.prototype.b = "proto";
var p = { a: { toJSON: function () { delete p.b; return 1; } }, b: 2 };
assert.sameValue(JSON.stringify(p), '{"a":1,"b":"proto"}', "a deleted own property reads through");
delete Object.prototype.b;

Array.prototype[1] = "hole";
assert.sameValue(JSON.stringify([1, , 3]), '[1,"hole",3]');
delete Array.prototype[1];
assert.sameValue(JSON.stringify([1, , 3]), "[1,null,3]");

function A() { this.x = 1; }
Object.defineProperty(A.prototype, "y", { get: function () { return 2; }, enumerable: true });
assert.sameValue(JSON.stringify(new A()), '{"x":1}', "inherited properties are left out");
assert.sameValue(JSON.stringify({ get x() { return { y: 1 }; } }), '{"x":{"y":1}}');
assert.sameValue(
  JSON.stringify({ 1: "a", b: "b", 0: "z", [Symbol()]: 1 }),
  '{"0":"z","1":"a","b":"b"}',
  "integer keys first, symbols left out"
);
assert.sameValue(JSON.stringify(Object.assign([1, 2], { x: 3 })), "[1,2]");
assert.sameValue(JSON.stringify(new Uint8Array([1, 2])), '{"0":1,"1":2}');
assert.sameValue(JSON.stringify(new Map([[1, 2]])), "{}");
assert.sameValue(JSON.stringify((function () { return arguments; })(1, 2)), '{"0":1,"1":2}');
assert.sameValue(JSON.stringify(new Proxy([1, { a: 2 }], {})), '[1,{"a":2}]');
var trapped = [];
var proxy = new Proxy({ a: 1, b: 2 }, {
  ownKeys: function (t) { trapped.push("ownKeys"); return Reflect.ownKeys(t); },
  get: function (t, k) { trapped.push("get " + String(k)); return t[k]; },
  getOwnPropertyDescriptor: function (t, k) { trapped.push("gopd " + k); return Reflect.getOwnPropertyDescriptor(t, k); },
});
assert.sameValue(JSON.stringify(proxy), '{"a":1,"b":2}');
assert.compareArray(trapped, ["get toJSON", "ownKeys", "gopd a", "gopd b", "get a", "get b"]);

Number.prototype.toJSON = function () { return "n" + this; };
assert.sameValue(JSON.stringify([1, new Number(2)]), '[1,"n2"]', "toJSON is looked up on objects only");
delete Number.prototype.toJSON;
