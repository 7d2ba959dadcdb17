/*---
description: >
  wrapKey and unwrapKey: the RFC 3394 §4.1 AES-KW vector, an HMAC key
  wrapped as a JWK with AES-GCM and unwrapped back, and the errors the spec
  names (Web Crypto §14.3.11, §14.3.12, §28; checked on node v20, which
  names the non-extractable error "InvalidAccessException" where the spec
  says InvalidAccessError).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var subtle = crypto.subtle;
  var kek = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", false, ["wrapKey", "unwrapKey"]);
  assert.sameValue(kek.algorithm.name, "AES-KW", "algorithm.name");
  var keyData = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt", "decrypt"]);
  var wrapped = await subtle.wrapKey("raw", keyData, kek, "AES-KW");
  assert.sameValue(hex(wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", "RFC 3394 §4.1");
  var unwrapped = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["decrypt"]);
  assert.sameValue(hex(await subtle.exportKey("raw", unwrapped)), "00112233445566778899aabbccddeeff", "unwrapped");
  assert.compareArray(unwrapped.usages, ["decrypt"], "usages as asked");

  // An HMAC key as a JWK, wrapped with AES-GCM.
  var gcmKey = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["wrapKey", "unwrapKey"]);
  var hmac = await subtle.importKey("raw", new Uint8Array(32).fill(9), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  var iv = new Uint8Array(12);
  var sealed = await subtle.wrapKey("jwk", hmac, gcmKey, { name: "AES-GCM", iv: iv });
  var back = await subtle.unwrapKey("jwk", sealed, gcmKey, { name: "AES-GCM", iv: iv }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  assert.sameValue(back.algorithm.name, "HMAC", "unwrapped HMAC key");
  var data = new TextEncoder().encode("x");
  assert.sameValue(hex(await subtle.sign("HMAC", back, data)), hex(await subtle.sign("HMAC", hmac, data)), "the same key");
  var plain = await subtle.decrypt({ name: "AES-GCM", iv: iv }, await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["decrypt"]), new Uint8Array(16)).catch(function () { return null; });
  assert.sameValue(plain, null, "a wrong key does not decrypt");

  var notExtractable = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
  await rejectsWith(function () { return subtle.wrapKey("raw", notExtractable, kek, "AES-KW"); }, "InvalidAccessError", "a non-extractable key");
  var wrapOnly = await subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["wrapKey"]);
  await rejectsWith(function () { return subtle.unwrapKey("raw", wrapped, wrapOnly, "AES-KW", "AES-GCM", true, ["decrypt"]); }, "InvalidAccessError", "no unwrapKey usage");
  await rejectsWith(function () { return subtle.unwrapKey("raw", wrapped.slice(0, 20), kek, "AES-KW", "AES-GCM", true, ["decrypt"]); }, "OperationError", "a cut wrapped key");
  await rejectsWith(function () { return subtle.encrypt("AES-KW", kek, new Uint8Array(16)); }, "NotSupportedError", "AES-KW does not encrypt");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(16), "AES-KW", false, ["encrypt"]); }, "SyntaxError", "encrypt usage on AES-KW");
  await rejectsWith(function () { return subtle.wrapKey("raw", keyData, kek, { name: "AES-GCM", iv: iv }); }, "InvalidAccessError", "an AES-KW key for AES-GCM");
});
