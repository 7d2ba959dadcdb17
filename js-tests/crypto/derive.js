/*---
description: >
  PBKDF2 and HKDF: RFC 6070 (PBKDF2-HMAC-SHA1) and the common SHA-256
  vector, RFC 5869 test case 1 (HKDF-SHA-256), deriveKey to AES-GCM and
  HMAC keys, and the errors the spec names (Web Crypto §30, §31; checked
  on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var subtle = crypto.subtle;
  var password = await subtle.importKey("raw", utf8("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
  assert.sameValue(password.algorithm.name, "PBKDF2", "algorithm.name");
  assert.sameValue(password.extractable, false, "not extractable");
  var vectors = [
    ["SHA-1", 1, 160, "0c60c80f961f0e71f3a9b524af6012062fe037a6"],
    ["SHA-1", 2, 160, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"],
    ["SHA-1", 4096, 160, "4b007901b765489abead49d926f721d065a429c1"],
    ["SHA-256", 1, 256, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"],
  ];
  for (var i = 0; i < vectors.length; i++) {
    var v = vectors[i];
    var bits = await subtle.deriveBits({ name: "PBKDF2", hash: v[0], salt: utf8("salt"), iterations: v[1] }, password, v[2]);
    assert.sameValue(hex(bits), v[3], "PBKDF2 vector " + i);
  }

  var ikm = await subtle.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits", "deriveKey"]);
  var hkdf = { name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"), info: unhex("f0f1f2f3f4f5f6f7f8f9") };
  assert.sameValue(hex(await subtle.deriveBits(hkdf, ikm, 336)),
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", "RFC 5869 test case 1");

  // deriveKey: the derived bits become the new key.
  var aesKey = await subtle.deriveKey(hkdf, ikm, { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
  assert.sameValue(aesKey.algorithm.name, "AES-GCM", "derived AES key");
  assert.sameValue(aesKey.algorithm.length, 256, "derived AES length");
  assert.sameValue(hex(await subtle.exportKey("raw", aesKey)), hex(await subtle.deriveBits(hkdf, ikm, 256)), "deriveKey = deriveBits + importKey");
  var hmacKey = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: utf8("salt"), iterations: 1 }, password, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  assert.sameValue(hmacKey.algorithm.length, 512, "an HMAC key is the hash's block size");
  assert.sameValue((await subtle.exportKey("raw", hmacKey)).byteLength, 64, "64 bytes");

  await rejectsWith(function () { return subtle.importKey("raw", utf8("pw"), "PBKDF2", true, ["deriveBits"]); }, "SyntaxError", "an extractable PBKDF2 key");
  await rejectsWith(function () { return subtle.importKey("raw", utf8("pw"), "HKDF", false, ["sign"]); }, "SyntaxError", "sign usage");
  await rejectsWith(function () { return subtle.importKey("jwk", { kty: "oct", k: "cHc" }, "HKDF", false, ["deriveBits"]); }, "NotSupportedError", "jwk HKDF");
  await rejectsWith(function () { return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8("salt"), iterations: 0 }, password, 256); }, "OperationError", "0 iterations");
  await rejectsWith(function () { return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8("salt"), iterations: 1 }, password, 12); }, "OperationError", "not whole bytes");
  await rejectsWith(function () { return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", iterations: 1 }, password, 256); }, "TypeError", "no salt");
  await rejectsWith(function () { return subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0) }, ikm, 256 * 255 + 8); }, "OperationError", "too long for HKDF");
  await rejectsWith(function () { return subtle.deriveBits(hkdf, password, 256); }, "InvalidAccessError", "a PBKDF2 key for HKDF");
  var bitsOnly = await subtle.importKey("raw", utf8("pw"), "HKDF", false, ["deriveBits"]);
  await rejectsWith(function () { return subtle.deriveKey(hkdf, bitsOnly, { name: "AES-GCM", length: 128 }, false, ["encrypt"]); }, "InvalidAccessError", "no deriveKey usage");
  await rejectsWith(function () { return subtle.deriveKey(hkdf, ikm, { name: "AES-GCM", length: 100 }, false, ["encrypt"]); }, "OperationError", "AES length 100");
});
