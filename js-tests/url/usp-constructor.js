/*---
description: >
  URLSearchParams(init): a string (leading ? stripped), a sequence of pairs,
  a record, or another URLSearchParams (WHATWG URL "URLSearchParams class";
  values are node v20's output).
includes: [compareArray.js]
---*/

var all = function (params) {
  var out = [];
  params.forEach(function (value, name) {
    out.push(name + "=" + value);
  });
  return out;
};

assert.sameValue(URLSearchParams.length, 0, "length");
assert.sameValue(new URLSearchParams().size, 0, "no argument");
assert.sameValue(new URLSearchParams(undefined).size, 0, "undefined");
assert.compareArray(all(new URLSearchParams("?a=1&b=2")), ["a=1", "b=2"], "leading ? stripped");
assert.compareArray(all(new URLSearchParams("??a=1")), ["?a=1"], "only one ?");
assert.compareArray(all(new URLSearchParams("a=1&&b&=c&d==e")), ["a=1", "b=", "=c", "d==e"], "empty pieces");
assert.compareArray(all(new URLSearchParams("a+b=c%20d&%zz=%E2%82%AC")), ["a b=c d", "%zz=\u20ac"], "decoding");
assert.compareArray(all(new URLSearchParams(12)), ["12="], "number to string");

assert.compareArray(all(new URLSearchParams([["a", "1"], ["b", 2], ["a", "3"]])), ["a=1", "b=2", "a=3"], "pairs");
assert.compareArray(all(new URLSearchParams(new Map([["m", "1"]]))), ["m=1"], "any iterable of pairs");
assert.compareArray(all(new URLSearchParams([new Set(["s", "t"])])), ["s=t"], "pairs may be any iterable");
assert.throws(TypeError, function () { new URLSearchParams([["a"]]); }, "pair of one");
assert.throws(TypeError, function () { new URLSearchParams([["a", "b", "c"]]); }, "pair of three");
assert.throws(TypeError, function () { new URLSearchParams(["ab"]); }, "string pair is not an object");
assert.throws(TypeError, function () { new URLSearchParams([1]); }, "number pair");
assert.throws(TypeError, function () {
  var init = {};
  init[Symbol.iterator] = 1;
  new URLSearchParams(init);
}, "non-callable @@iterator");

assert.compareArray(all(new URLSearchParams({ b: "2", a: 1 })), ["b=2", "a=1"], "record, key order");
var proto = { inherited: "x" };
var record = Object.create(proto);
record.own = "y";
Object.defineProperty(record, "hidden", { value: "z", enumerable: false });
assert.compareArray(all(new URLSearchParams(record)), ["own=y"], "own enumerable keys only");
assert.throws(TypeError, function () {
  var withSymbol = {};
  withSymbol[Symbol("s")] = "v";
  new URLSearchParams(withSymbol);
}, "symbol key");

var original = new URLSearchParams("a=1&b=2");
var copy = new URLSearchParams(original);
copy.append("c", "3");
assert.compareArray(all(original), ["a=1", "b=2"], "copy is independent");
assert.compareArray(all(copy), ["a=1", "b=2", "c=3"], "copy has the entries");
assert.compareArray(all(new URLSearchParams([["\uD800", "\uDC00x"]])), ["\uFFFD=\uFFFDx"], "USVString conversion");
