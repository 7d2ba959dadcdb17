/*---
description: >
  HMAC keys: importKey raw and jwk, sign and verify with the RFC 4231
  (SHA-256/384/512) and RFC 2202 (SHA-1) test vectors, generateKey with the
  hash's block size as the default length, export to raw and jwk and back,
  and the key's attributes (Web Crypto §29; MACs checked on node v20).
  `usages` is the normalized list (deduplicated, in the spec's KeyUsage
  order), as Chrome and Servo give; node v20 keeps the list as passed.
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

function bytes(text) { return new TextEncoder().encode(text); }
var key0b = new Uint8Array(20).fill(0x0b);

var vectors = [
  ["SHA-256", key0b, "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
  ["SHA-384", key0b, "Hi There", "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"],
  ["SHA-512", key0b, "Hi There", "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"],
  ["SHA-256", bytes("Jefe"), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
  ["SHA-1", key0b, "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"],
  ["SHA-1", bytes("Jefe"), "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"],
];

asyncTest(async function () {
  for (var i = 0; i < vectors.length; i++) {
    var v = vectors[i];
    var key = await crypto.subtle.importKey("raw", v[1], { name: "HMAC", hash: v[0] }, false, ["sign", "verify"]);
    var mac = await crypto.subtle.sign("HMAC", key, bytes(v[2]));
    assert(mac instanceof ArrayBuffer, "vector " + i + ": an ArrayBuffer");
    assert.sameValue(hex(mac), v[3], "vector " + i + " sign");
    assert.sameValue(await crypto.subtle.verify({ name: "hmac" }, key, mac, bytes(v[2])), true, "vector " + i + " verify");
    var bad = new Uint8Array(mac);
    bad[0] ^= 1;
    assert.sameValue(await crypto.subtle.verify("HMAC", key, bad, bytes(v[2])), false, "vector " + i + " verify a changed MAC");
    assert.sameValue(await crypto.subtle.verify("HMAC", key, mac, bytes(v[2] + "!")), false, "vector " + i + " verify other data");
  }

  // The key's attributes.
  var key = await crypto.subtle.importKey("raw", key0b, { name: "hmac", hash: { name: "sha-256" } }, true, ["verify", "sign", "sign"]);
  assert(key instanceof CryptoKey, "a CryptoKey");
  assert.sameValue(key.type, "secret", "type");
  assert.sameValue(key.extractable, true, "extractable");
  assert.sameValue(key.algorithm.name, "HMAC", "algorithm.name is the canonical name");
  assert.sameValue(key.algorithm.hash.name, "SHA-256", "algorithm.hash.name");
  assert.sameValue(key.algorithm.length, 160, "algorithm.length is the key's bits");
  assert.compareArray(key.usages, ["sign", "verify"], "usages: deduplicated, in the spec's order");
  assert.sameValue(key.algorithm, key.algorithm, "[SameObject] algorithm");
  assert.sameValue(Object.prototype.toString.call(key), "[object CryptoKey]");

  // Export and import back.
  assert.sameValue(hex(await crypto.subtle.exportKey("raw", key)), hex(key0b), "raw export");
  var jwk = await crypto.subtle.exportKey("jwk", key);
  assert.sameValue(jwk.kty, "oct", "jwk kty");
  assert.sameValue(jwk.k, "CwsLCwsLCwsLCwsLCwsLCwsLCws", "jwk k (base64url, no padding)");
  assert.sameValue(jwk.alg, "HS256", "jwk alg");
  assert.sameValue(jwk.ext, true, "jwk ext");
  assert.compareArray(jwk.key_ops, ["sign", "verify"], "jwk key_ops");
  var again = await crypto.subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  assert.sameValue(hex(await crypto.subtle.sign("HMAC", again, bytes("Hi There"))), vectors[0][3], "jwk round trip signs the same");

  // generateKey: the default length is the hash's block size.
  var generated = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-512" }, true, ["sign"]);
  assert(generated instanceof CryptoKey, "generateKey gives a CryptoKey");
  assert.sameValue(generated.algorithm.length, 1024, "SHA-512 block size");
  assert.sameValue((await crypto.subtle.exportKey("raw", generated)).byteLength, 128, "1024 bits");
  var short = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 100 }, true, ["verify"]);
  assert.sameValue(short.algorithm.length, 100, "explicit length");
  assert.sameValue((await crypto.subtle.exportKey("raw", short)).byteLength, 13, "100 bits in 13 bytes");
  var g256 = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  assert.sameValue(g256.algorithm.length, 512, "SHA-256 block size");
  var m1 = await crypto.subtle.sign("HMAC", g256, bytes("x"));
  assert.sameValue(await crypto.subtle.verify("HMAC", g256, m1, bytes("x")), true, "generated key verifies its MAC");
});
