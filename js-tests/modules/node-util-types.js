/*---
description: >
  node:util's types checks on one value of each kind (the digits are the
  results for the values in order). The expected lines are node v20's
  output for the same code.
flags: [module]
---*/
import { types } from "node:util";
var out = [];
var log = function () { out.push(Array.prototype.map.call(arguments, String).join(" ")); };
const vals = [new Date(), /x/, Promise.resolve(), new Map(), new Set(), new WeakMap(), new WeakSet(), new ArrayBuffer(1), new SharedArrayBuffer(1), new DataView(new ArrayBuffer(1)), new Uint8Array(1), new Int16Array(1), new Proxy({}, {}), new TypeError("x"), async () => {}, function* () {}, async function* () {}, {}, 1, "s"];
const names = ["isDate", "isRegExp", "isPromise", "isMap", "isSet", "isWeakMap", "isWeakSet", "isArrayBuffer", "isSharedArrayBuffer", "isAnyArrayBuffer", "isDataView", "isTypedArray", "isUint8Array", "isArrayBufferView", "isProxy", "isNativeError", "isAsyncFunction", "isGeneratorFunction"];
for (const n of names) log(n, vals.map((v) => (types[n](v) ? 1 : 0)).join(""));
var expected = ["isDate 10000000000000000000", "isRegExp 01000000000000000000", "isPromise 00100000000000000000", "isMap 00010000000000000000", "isSet 00001000000000000000", "isWeakMap 00000100000000000000", "isWeakSet 00000010000000000000", "isArrayBuffer 00000001000000000000", "isSharedArrayBuffer 00000000100000000000", "isAnyArrayBuffer 00000001100000000000", "isDataView 00000000010000000000", "isTypedArray 00000000001100000000", "isUint8Array 00000000001000000000", "isArrayBufferView 00000000011100000000", "isProxy 00000000000010000000", "isNativeError 00000000000001000000", "isAsyncFunction 00000000000000101000", "isGeneratorFunction 00000000000000011000"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
