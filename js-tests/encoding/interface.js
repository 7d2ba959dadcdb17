/*---
description: >
  TextEncoder and TextDecoder follow their WebIDL interfaces: constructors
  need `new`, attributes are prototype getters, members check their
  receiver (TypeError otherwise), and the lengths and toStringTag are the
  WebIDL ones (node v20 agrees).
includes: [propertyHelper.js]
---*/

assert.throws(TypeError, function () { TextEncoder(); }, "TextEncoder without new");
assert.throws(TypeError, function () { TextDecoder(); }, "TextDecoder without new");
assert.sameValue(TextEncoder.length, 0, "TextEncoder.length");
assert.sameValue(TextDecoder.length, 0, "TextDecoder.length");
assert.sameValue(TextEncoder.prototype.encode.length, 0, "encode.length");
assert.sameValue(TextEncoder.prototype.encodeInto.length, 2, "encodeInto.length");
assert.sameValue(TextDecoder.prototype.decode.length, 0, "decode.length");
assert.sameValue(Object.prototype.toString.call(new TextEncoder()), "[object TextEncoder]", "TextEncoder tag");
assert.sameValue(Object.prototype.toString.call(new TextDecoder()), "[object TextDecoder]", "TextDecoder tag");

["encoding", "fatal", "ignoreBOM"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(TextDecoder.prototype, name);
  assert.sameValue(typeof desc.get, "function", name + " is a getter");
  assert.sameValue(desc.set, undefined, name + " has no setter");
  assert.throws(TypeError, function () { desc.get.call({}); }, name + " on a plain object");
  assert.throws(TypeError, function () { desc.get.call(new TextEncoder()); }, name + " on a TextEncoder");
});
var encodingDesc = Object.getOwnPropertyDescriptor(TextEncoder.prototype, "encoding");
assert.throws(TypeError, function () { encodingDesc.get.call(new TextDecoder()); }, "TextEncoder encoding on a TextDecoder");
assert.throws(TypeError, function () { TextEncoder.prototype.encode.call({}, "a"); }, "encode brand check");
assert.throws(TypeError, function () { TextEncoder.prototype.encodeInto.call(new TextDecoder(), "a", new Uint8Array(1)); }, "encodeInto brand check");
assert.throws(TypeError, function () { TextDecoder.prototype.decode.call(new TextEncoder()); }, "decode brand check");
assert.throws(TypeError, function () { TextDecoder.prototype.decode.call(undefined); }, "decode on undefined");

// Own instance state is not visible as properties.
assert.sameValue(Object.keys(new TextDecoder()).length, 0, "no own properties");
assert.sameValue(new TextDecoder().hasOwnProperty("encoding"), false, "encoding is inherited");

// Global bindings: writable, configurable, not enumerable.
verifyProperty(globalThis, "TextEncoder", { writable: true, enumerable: false, configurable: true }, { restore: true });
verifyProperty(globalThis, "TextDecoder", { writable: true, enumerable: false, configurable: true }, { restore: true });

// Subclassing works.
class MyDecoder extends TextDecoder {}
var sub = new MyDecoder("latin1");
assert.sameValue(sub.encoding, "windows-1252", "subclass instance");
assert(sub instanceof MyDecoder, "subclass prototype");
