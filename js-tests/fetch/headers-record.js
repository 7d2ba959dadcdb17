/*---
description: >
  A record<ByteString, ByteString> HeadersInit (WebIDL §3.2.26): own
  enumerable keys in [[OwnPropertyKeys]] order (integer keys first), each
  read with [[Get]] so getters run, non-enumerable keys skipped, an
  enumerable Symbol key is a TypeError. Node v20 (undici) differs on
  non-enumerable keys: it keeps them, and throws for a non-enumerable
  Symbol; this follows the spec. A Proxy sees @@iterator read, then ownKeys, then
  getOwnPropertyDescriptor and get per key (as in node v20).
includes: [compareArray.js]
---*/

var log = [];
var rec = {};
rec.b = "1";
rec[2] = "two";
rec.a = "3";
Object.defineProperty(rec, "g", { get: function () { log.push("g"); return "got"; }, enumerable: true });
Object.defineProperty(rec, "hidden", { value: "x", enumerable: false });
Object.defineProperty(rec, Symbol("t"), { value: "t", enumerable: false });
var h = new Headers(rec);
assert.sameValue(JSON.stringify([...h]), '[["2","two"],["a","3"],["b","1"],["g","got"]]', "entries");
assert.compareArray(log, ["g"], "the getter ran once");

var appended = new Headers({ "x-b": "1", "X-A": "2" });
assert.compareArray(Array.from(appended.keys()), ["x-a", "x-b"], "sorted on iteration");

log = [];
var target = { x: "1", y: "2" };
var proxy = new Proxy(target, {
  ownKeys: function (t) { log.push("ownKeys"); return ["y", "x"]; },
  getOwnPropertyDescriptor: function (t, k) { log.push("gopd " + k); return Reflect.getOwnPropertyDescriptor(t, k); },
  get: function (t, k) { log.push("get " + String(k)); return Reflect.get(t, k); },
});
assert.sameValue(new Headers(proxy).get("y"), "2", "proxy record");
assert.compareArray(log, ["get Symbol(Symbol.iterator)", "ownKeys", "gopd y", "get y", "gopd x", "get x"], "proxy traps");

var throwing = {};
Object.defineProperty(throwing, "a", { get: function () { throw new RangeError("from getter"); }, enumerable: true });
assert.throws(RangeError, function () { new Headers(throwing); }, "a getter's exception propagates");
assert.throws(TypeError, function () { new Headers({ a: "\u20ac" }); }, "a value that is not a ByteString");
assert.throws(TypeError, function () { new Headers({ "a b": "1" }); }, "an invalid name");
