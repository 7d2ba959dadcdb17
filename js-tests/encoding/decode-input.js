/*---
description: >
  TextDecoder.prototype.decode accepts an ArrayBuffer, any ArrayBufferView
  (respecting byteOffset and byteLength) or undefined; other values throw a
  TypeError. A detached buffer decodes as no bytes (WebIDL "get a copy of
  the bytes held by the buffer source"; node v20 returns "").
---*/

var bytes = [0x68, 0x65, 0x6C, 0x6C, 0x6F]; // "hello"
var buffer = new Uint8Array(bytes).buffer;
var d = new TextDecoder();
assert.sameValue(d.decode(buffer), "hello", "ArrayBuffer");
assert.sameValue(d.decode(new Uint8Array(buffer, 1, 3)), "ell", "Uint8Array with offset and length");
assert.sameValue(d.decode(new DataView(buffer, 2)), "llo", "DataView with offset");
assert.sameValue(d.decode(new Int8Array(buffer, 4)), "o", "Int8Array");
assert.sameValue(d.decode(new Uint8Array(buffer).subarray(0, 2)), "he", "subarray");
var wide = new Uint16Array([0x6968]); // bytes 68 69 in little endian
assert.sameValue(d.decode(wide), "hi", "Uint16Array bytes");
assert.sameValue(new TextDecoder("utf-16le").decode(new Uint16Array([0x3042, 0x41])), "\u3042A", "UTF-16LE from Uint16Array");
assert.sameValue(d.decode(new Float64Array(0)), "", "empty view");
assert.sameValue(d.decode(undefined), "", "undefined");
assert.sameValue(d.decode(), "", "no argument");

[null, 5, "abc", {}, [0x61], { length: 1, 0: 0x61 }].forEach(function (input) {
  assert.throws(TypeError, function () { d.decode(input); }, "decode(" + String(input) + ")");
});

// Detach a buffer by transferring it.
var detached = new Uint8Array([0x61, 0x62]).buffer;
var view = new Uint8Array(detached);
structuredClone(detached, { transfer: [detached] });
assert.sameValue(detached.byteLength, 0, "buffer detached");
assert.sameValue(d.decode(detached), "", "detached ArrayBuffer");
assert.sameValue(d.decode(view), "", "view on a detached buffer");
