/*---
description: >
  Crypto, SubtleCrypto and CryptoKey are WebIDL interfaces: no public
  constructor, members enumerable on the prototype, Symbol.toStringTag;
  crypto.subtle is the same object each time (Web Crypto §10, §13, §14;
  as node v20).
includes: [propertyHelper.js]
---*/

assert.sameValue(typeof Crypto, "function", "Crypto");
assert.sameValue(typeof SubtleCrypto, "function", "SubtleCrypto");
assert.sameValue(typeof CryptoKey, "function", "CryptoKey");
assert.throws(TypeError, function () { new Crypto(); }, "new Crypto");
assert.throws(TypeError, function () { new SubtleCrypto(); }, "new SubtleCrypto");
assert.throws(TypeError, function () { new CryptoKey(); }, "new CryptoKey");
assert(crypto instanceof Crypto, "crypto is a Crypto");
assert(crypto.subtle instanceof SubtleCrypto, "subtle is a SubtleCrypto");
assert.sameValue(crypto.subtle, crypto.subtle, "[SameObject] subtle");
assert.sameValue(Object.prototype.toString.call(crypto), "[object Crypto]");
assert.sameValue(Object.prototype.toString.call(crypto.subtle), "[object SubtleCrypto]");

["getRandomValues", "randomUUID"].forEach(function (name) {
  verifyProperty(Crypto.prototype, name, { writable: true, enumerable: true, configurable: true });
});
var lengths = { encrypt: 3, decrypt: 3, sign: 3, verify: 4, digest: 2, generateKey: 3, deriveKey: 5, deriveBits: 2, importKey: 5, exportKey: 2, wrapKey: 4, unwrapKey: 7 };
Object.keys(lengths).forEach(function (name) {
  var fn = SubtleCrypto.prototype[name];
  assert.sameValue(typeof fn, "function", name);
  assert.sameValue(fn.length, lengths[name], name + ".length");
  verifyProperty(SubtleCrypto.prototype, name, { writable: true, enumerable: true, configurable: true });
});
["type", "extractable", "algorithm", "usages"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(CryptoKey.prototype, name);
  assert.sameValue(typeof desc.get, "function", name + " is a getter");
  assert.sameValue(desc.set, undefined, name + " is read-only");
  assert.sameValue(desc.enumerable, true, name + " enumerable");
  assert.throws(TypeError, function () { desc.get.call({}); }, name + " brand check");
});
var subtleDesc = Object.getOwnPropertyDescriptor(Crypto.prototype, "subtle");
assert.throws(TypeError, function () { subtleDesc.get.call({}); }, "subtle brand check");
