/*---
description: >
  ECDH on P-256 and P-384: a shared secret node v20 derived from two keys
  is derived the same here, both sides of a generated exchange agree,
  deriveKey makes an AES key, and the errors the spec names (Web Crypto
  §24; checked on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var PRIVATE_A = {"kty": "EC", "crv": "P-256", "x": "1THTqm-L2U_mYJ1kxTFqjCA4rX5-fJT2UJkVsqL4S0c", "y": "w3nso0LCB5eUCt3s03LApAQ9Us0IgSiLIpiSQUYki7Q", "d": "FKEf9lAzKeCjNNQGPlh2AI5BPzmQYZidthXCvrsINS8"};
var PUBLIC_B = {"kty": "EC", "crv": "P-256", "x": "Sgv9sQN6Uwl4kO-ViUSw02w_H9YVFYCOVlZXQM3IXug", "y": "ssjhZNi6wZtkvLbCKkN1_HVWET9fh907CCEaeRG3Vjc"};
var SHARED = "a5016449295af969e177bef45783c89c902e70a78eea2a4c9da7367e9c8530ee";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var p256 = { name: "ECDH", namedCurve: "P-256" };
  var privateA = await subtle.importKey("jwk", PRIVATE_A, p256, false, ["deriveBits"]);
  var publicB = await subtle.importKey("jwk", PUBLIC_B, p256, true, []);
  assert.sameValue(publicB.type, "public", "public type");
  assert.compareArray(publicB.usages, [], "an ECDH public key has no usages");
  assert.sameValue(privateA.algorithm.name, "ECDH", "algorithm.name");
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: publicB }, privateA, 256)), SHARED, "node's shared secret");
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: publicB }, privateA, null)), SHARED, "null length: the whole secret");
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: publicB }, privateA, 128)), SHARED.slice(0, 32), "128 bits");

  var curves = ["P-256", "P-384"];
  for (var c = 0; c < curves.length; c++) {
    var alg = { name: "ECDH", namedCurve: curves[c] };
    var a = await subtle.generateKey(alg, true, ["deriveBits", "deriveKey"]);
    var b = await subtle.generateKey(alg, true, ["deriveBits", "deriveKey"]);
    assert.compareArray(a.privateKey.usages, ["deriveKey", "deriveBits"], curves[c] + " private usages");
    assert.compareArray(a.publicKey.usages, [], curves[c] + " public usages");
    var ab = await subtle.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, null);
    var ba = await subtle.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, null);
    assert.sameValue(hex(ab), hex(ba), curves[c] + " both sides agree");
    assert.sameValue(ab.byteLength, c === 0 ? 32 : 48, curves[c] + " secret size");
    var aes = await subtle.deriveKey({ name: "ECDH", public: b.publicKey }, a.privateKey, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
    assert.sameValue(hex(await subtle.exportKey("raw", aes)), hex(ab).slice(0, 32), curves[c] + " deriveKey takes the first bits");
  }

  var other = await subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
  var ecdsa = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: other.publicKey }, privateA, 256); }, "InvalidAccessError", "another curve");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: ecdsa.publicKey }, privateA, 256); }, "InvalidAccessError", "an ECDSA public key");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: privateA }, privateA, 256); }, "InvalidAccessError", "a private key as public");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH" }, privateA, 256); }, "TypeError", "no public key");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: publicB }, privateA, 264); }, "OperationError", "more bits than the secret");
  await rejectsWith(function () { return subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["sign"]); }, "SyntaxError", "sign usage");
  await rejectsWith(function () { return subtle.importKey("jwk", PUBLIC_B, p256, true, ["deriveBits"]); }, "SyntaxError", "usages on a public key");
});
