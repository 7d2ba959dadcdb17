/*---
description: >
  crypto.getRandomValues fills an integer typed array in place and returns
  it; a float array or a DataView is a TypeMismatchError, more than 65,536
  bytes a QuotaExceededError, a non-view a TypeError; randomUUID gives
  version 4 UUIDs (Web Crypto §10.1; as node v20, except that node throws a
  TypeMismatchError for an argument that is not an ArrayBufferView, where
  the WebIDL conversion throws a TypeError).
---*/

var array = new Uint8Array(64);
assert.sameValue(crypto.getRandomValues(array), array, "returns its argument");
var nonZero = 0;
for (var i = 0; i < array.length; i++) if (array[i] !== 0) nonZero++;
assert(nonZero > 32, "64 random bytes are mostly non-zero, got " + nonZero);

var kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
for (var k = 0; k < kinds.length; k++) {
  var a = new kinds[k](8);
  assert.sameValue(crypto.getRandomValues(a), a, kinds[k].name);
}

// Only the view's own bytes change.
var buffer = new ArrayBuffer(32);
var middle = new Uint8Array(buffer, 8, 16);
crypto.getRandomValues(middle);
var whole = new Uint8Array(buffer);
for (var j = 0; j < 8; j++) assert.sameValue(whole[j], 0, "byte " + j + " before the view");
for (var m = 24; m < 32; m++) assert.sameValue(whole[m], 0, "byte " + m + " after the view");

// Exactly 65,536 bytes is allowed; one more element is not.
crypto.getRandomValues(new Uint8Array(65536));
function throwsDom(name, fn, label) {
  try {
    fn();
  } catch (error) {
    assert(error instanceof DOMException, label + ": a DOMException, got " + error);
    assert.sameValue(error.name, name, label);
    return;
  }
  throw new Test262Error(label + ": nothing thrown");
}
throwsDom("QuotaExceededError", function () { crypto.getRandomValues(new Uint8Array(65537)); }, "65,537 bytes");
throwsDom("QuotaExceededError", function () { crypto.getRandomValues(new Uint32Array(16385)); }, "16,385 words");
throwsDom("TypeMismatchError", function () { crypto.getRandomValues(new Float32Array(4)); }, "Float32Array");
throwsDom("TypeMismatchError", function () { crypto.getRandomValues(new Float64Array(4)); }, "Float64Array");
throwsDom("TypeMismatchError", function () { crypto.getRandomValues(new DataView(new ArrayBuffer(4))); }, "DataView");
assert.throws(TypeError, function () { crypto.getRandomValues([1, 2, 3]); }, "an Array");
assert.throws(TypeError, function () { crypto.getRandomValues(new ArrayBuffer(4)); }, "an ArrayBuffer");
assert.throws(TypeError, function () { crypto.getRandomValues(); }, "no argument");
assert.throws(TypeError, function () { crypto.getRandomValues.call({}, new Uint8Array(4)); }, "wrong this");

var uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
var seen = {};
for (var n = 0; n < 100; n++) {
  var id = crypto.randomUUID();
  assert(uuid.test(id), "a lowercase v4 UUID: " + id);
  assert(!seen[id], "no repeats");
  seen[id] = true;
}
