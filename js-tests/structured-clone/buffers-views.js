/*---
description: >
  ArrayBuffers are copied; typed arrays and DataViews keep their kind,
  byteOffset and length; views sharing one buffer still share one (new)
  buffer; a resizable ArrayBuffer stays resizable (HTML StructuredSerialize;
  node v20 agrees).
includes: [compareArray.js]
---*/

var buffer = new ArrayBuffer(8);
var bytes = new Uint8Array(buffer);
bytes.set([1, 2, 3, 4, 5, 6, 7, 8]);
var bufferClone = structuredClone(buffer);
assert(bufferClone instanceof ArrayBuffer, "ArrayBuffer");
assert.notSameValue(bufferClone, buffer, "a new buffer");
assert.compareArray(Array.from(new Uint8Array(bufferClone)), [1, 2, 3, 4, 5, 6, 7, 8], "bytes copied");
bytes[0] = 99;
assert.sameValue(new Uint8Array(bufferClone)[0], 1, "independent of the original");

var u8 = new Uint8Array(buffer, 2, 4);
var dv = new DataView(buffer, 1, 3);
var pair = structuredClone([u8, dv]);
assert(pair[0] instanceof Uint8Array, "Uint8Array");
assert(pair[1] instanceof DataView, "DataView");
assert.sameValue(pair[0].buffer, pair[1].buffer, "views share one buffer");
assert.notSameValue(pair[0].buffer, buffer, "a new buffer");
assert.sameValue(pair[0].buffer.byteLength, 8, "whole buffer cloned");
assert.sameValue(pair[0].byteOffset, 2, "typed array byteOffset");
assert.sameValue(pair[0].length, 4, "typed array length");
assert.sameValue(pair[1].byteOffset, 1, "DataView byteOffset");
assert.sameValue(pair[1].byteLength, 3, "DataView byteLength");
pair[0][0] = 42;
assert.sameValue(pair[1].getUint8(1), 42, "writes through one view are seen by the other");

var f64 = new Float64Array([1.5, -0, NaN]);
var f64Clone = structuredClone(f64);
assert(f64Clone instanceof Float64Array, "Float64Array");
assert.compareArray(Array.from(f64Clone), [1.5, -0, NaN], "Float64Array values");
var big = structuredClone(new BigInt64Array([-1n, 2n]));
assert(big instanceof BigInt64Array, "BigInt64Array");
assert.sameValue(big[0], -1n, "BigInt64Array value");
var i16 = new Int16Array(new ArrayBuffer(10), 4, 2);
var i16Clone = structuredClone(i16);
assert.sameValue(i16Clone.byteOffset, 4, "Int16Array offset");
assert.sameValue(i16Clone.length, 2, "Int16Array length");
assert.sameValue(i16Clone.buffer.byteLength, 10, "Int16Array buffer");
var tagged = new Uint8Array([1]);
tagged.extra = 1;
assert.sameValue(structuredClone(tagged).extra, undefined, "extra property of a typed array dropped");

// A buffer and a view on it in one value.
var obj = structuredClone({ buf: buffer, view: u8 });
assert.sameValue(obj.view.buffer, obj.buf, "buffer and its view stay linked");

// Resizable ArrayBuffer.
var resizable = new ArrayBuffer(2, { maxByteLength: 8 });
var resizableClone = structuredClone(resizable);
assert.sameValue(resizableClone.resizable, true, "resizable kept");
assert.sameValue(resizableClone.maxByteLength, 8, "maxByteLength kept");
assert.sameValue(resizableClone.byteLength, 2, "byteLength");
