/*---
description: >
  AES-GCM, AES-CBC and AES-CTR: the GCM spec's test case 3 (McGrew and
  Viega), NIST SP 800-38A F.2.1 (CBC) and F.5.1 (CTR) vectors, a counter
  that wraps within its length, round trips with generated keys, jwk
  export, and the errors the spec names (Web Crypto §25-27; checked on
  node v20).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var subtle = crypto.subtle;
  var usages = ["encrypt", "decrypt"];

  var gcmKey = await subtle.importKey("raw", unhex("feffe9928665731c6d6a8f9467308308"), "AES-GCM", true, usages);
  assert.sameValue(gcmKey.algorithm.name, "AES-GCM", "algorithm.name");
  assert.sameValue(gcmKey.algorithm.length, 128, "algorithm.length");
  var plain = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
  var gcm = { name: "AES-GCM", iv: unhex("cafebabefacedbaddecaf888") };
  var sealed = await subtle.encrypt(gcm, gcmKey, plain);
  assert.sameValue(hex(sealed),
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985" +
    "4d5c2af327cd64a62cf35abd2ba6fab4", "GCM test case 3: ciphertext then tag");
  assert.sameValue(hex(await subtle.decrypt(gcm, gcmKey, sealed)), hex(plain), "GCM decrypts");
  var tampered = new Uint8Array(sealed);
  tampered[3] ^= 1;
  await rejectsWith(function () { return subtle.decrypt(gcm, gcmKey, tampered); }, "OperationError", "a changed ciphertext");
  var withAad = { name: "AES-GCM", iv: gcm.iv, additionalData: new TextEncoder().encode("header") };
  var sealedAad = await subtle.encrypt(withAad, gcmKey, plain);
  await rejectsWith(function () { return subtle.decrypt(gcm, gcmKey, sealedAad); }, "OperationError", "missing additional data");
  assert.sameValue(hex(await subtle.decrypt(withAad, gcmKey, sealedAad)), hex(plain), "with additional data");

  var cbcKey = await subtle.importKey("raw", unhex("2b7e151628aed2a6abf7158809cf4f3c"), { name: "aes-cbc" }, true, usages);
  var cbc = { name: "AES-CBC", iv: unhex("000102030405060708090a0b0c0d0e0f") };
  var cbcOut = await subtle.encrypt(cbc, cbcKey, unhex("6bc1bee22e409f96e93d7e117393172a"));
  assert.sameValue(cbcOut.byteLength, 32, "one block plus a block of PKCS #7 padding");
  assert.sameValue(hex(cbcOut).slice(0, 32), "7649abac8119b246cee98e9b12e9197d", "SP 800-38A F.2.1 first block");
  assert.sameValue(hex(await subtle.decrypt(cbc, cbcKey, cbcOut)), "6bc1bee22e409f96e93d7e117393172a", "CBC decrypts");
  await rejectsWith(function () { return subtle.decrypt(cbc, cbcKey, cbcOut.slice(0, 16)); }, "OperationError", "bad padding");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(8) }, cbcKey, cbcOut); }, "OperationError", "an 8-byte iv");

  var ctrKey = await subtle.importKey("raw", unhex("2b7e151628aed2a6abf7158809cf4f3c"), "AES-CTR", true, usages);
  var ctr = { name: "AES-CTR", counter: unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), length: 64 };
  var ctrOut = await subtle.encrypt(ctr, ctrKey, unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"));
  assert.sameValue(hex(ctrOut), "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff", "SP 800-38A F.5.1");
  // An 8-bit counter at 0xff wraps to 0x00 in the same block's low byte
  // (node gives the same bytes).
  var wrap = { name: "AES-CTR", counter: unhex("000102030405060708090a0b0c0d0eff"), length: 8 };
  var wrapped = await subtle.encrypt(wrap, ctrKey, new Uint8Array(32));
  var first = await subtle.encrypt({ name: "AES-CTR", counter: unhex("000102030405060708090a0b0c0d0eff"), length: 128 }, ctrKey, new Uint8Array(16));
  var second = await subtle.encrypt({ name: "AES-CTR", counter: unhex("000102030405060708090a0b0c0d0e00"), length: 128 }, ctrKey, new Uint8Array(16));
  assert.sameValue(hex(wrapped), hex(first) + hex(second), "the counter wraps within its 8 bits");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 1 }, ctrKey, new Uint8Array(48)); }, "OperationError", "more blocks than counter values");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 0 }, ctrKey, new Uint8Array(16)); }, "OperationError", "length 0");

  var generated = await subtle.generateKey({ name: "AES-GCM", length: 256 }, true, usages);
  assert.sameValue(generated.algorithm.length, 256, "generated length");
  assert.sameValue(generated.type, "secret", "secret");
  var jwk = await subtle.exportKey("jwk", generated);
  assert.sameValue(jwk.alg, "A256GCM", "jwk alg");
  assert.sameValue(jwk.kty, "oct", "jwk kty");
  var back = await subtle.importKey("jwk", jwk, "AES-GCM", false, ["decrypt"]);
  var iv = crypto.getRandomValues(new Uint8Array(12));
  var msg = new TextEncoder().encode("round trip");
  var ct = await subtle.encrypt({ name: "AES-GCM", iv: iv }, generated, msg);
  assert.sameValue(new TextDecoder().decode(await subtle.decrypt({ name: "AES-GCM", iv: iv }, back, ct)), "round trip", "jwk round trip");

  await rejectsWith(function () { return subtle.generateKey({ name: "AES-GCM", length: 100 }, true, usages); }, "OperationError", "a 100-bit key");
  await rejectsWith(function () { return subtle.generateKey({ name: "AES-GCM" }, true, usages); }, "TypeError", "no length");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(20), "AES-GCM", true, usages); }, "DataError", "a 20-byte key");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["sign"]); }, "SyntaxError", "sign usage");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { alg: "A128GCM" }), "AES-GCM", true, usages); }, "DataError", "jwk alg for another size");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-GCM" }, generated, msg); }, "TypeError", "no iv");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, generated, msg); }, "InvalidAccessError", "a GCM key for CBC");
  var decryptOnly = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["decrypt"]);
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-GCM", iv: iv }, decryptOnly, msg); }, "InvalidAccessError", "no encrypt usage");
});
