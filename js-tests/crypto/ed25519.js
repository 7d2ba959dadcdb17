/*---
description: >
  Ed25519 keys: the RFC 8032 §7.1 test vectors 1 and 2 (import from JWK and
  raw, sign, verify), a generated pair, export and import through spki,
  pkcs8 and jwk, and the errors the spec names (Web Crypto "Secure Curves";
  checked on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var vectors = [
  {
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
];

asyncTest(async function () {
  var subtle = crypto.subtle;
  for (var i = 0; i < vectors.length; i++) {
    var v = vectors[i];
    var jwk = { kty: "OKP", crv: "Ed25519", d: b64url(unhex(v.secret)), x: b64url(unhex(v.public)) };
    var privateKey = await subtle.importKey("jwk", jwk, "Ed25519", true, ["sign"]);
    assert.sameValue(privateKey.type, "private", "vector " + i + " private type");
    assert.sameValue(privateKey.algorithm.name, "Ed25519", "algorithm name");
    var signature = await subtle.sign("Ed25519", privateKey, unhex(v.message));
    assert.sameValue(hex(signature), v.signature, "vector " + i + " signature");
    var publicKey = await subtle.importKey("raw", unhex(v.public), { name: "ed25519" }, true, ["verify"]);
    assert.sameValue(publicKey.type, "public", "public type");
    assert.sameValue(await subtle.verify("Ed25519", publicKey, unhex(v.signature), unhex(v.message)), true, "vector " + i + " verifies");
    var bad = unhex(v.signature);
    bad[5] ^= 0x10;
    assert.sameValue(await subtle.verify("Ed25519", publicKey, bad, unhex(v.message)), false, "vector " + i + " changed signature");
    assert.sameValue(await subtle.verify("Ed25519", publicKey, unhex(v.signature).slice(1), unhex(v.message)), false, "short signature");
    assert.sameValue(hex(await subtle.exportKey("raw", publicKey)), v.public, "raw export");
  }

  var pair = await subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  assert.sameValue(pair.publicKey.type, "public", "pair public");
  assert.sameValue(pair.privateKey.type, "private", "pair private");
  assert.sameValue(pair.publicKey.extractable, true, "a public key is always extractable");
  assert.sameValue(pair.privateKey.extractable, false, "private key extractable as asked");
  assert.compareArray(pair.publicKey.usages, ["verify"], "public usages");
  assert.compareArray(pair.privateKey.usages, ["sign"], "private usages");
  var data = new TextEncoder().encode("hello");
  var sig = await subtle.sign("Ed25519", pair.privateKey, data);
  assert.sameValue(sig.byteLength, 64, "64-byte signature");
  assert.sameValue(await subtle.verify("Ed25519", pair.publicKey, sig, data), true, "generated pair verifies");

  // spki and pkcs8 round trips.
  var spki = await subtle.exportKey("spki", pair.publicKey);
  assert.sameValue(spki.byteLength, 44, "Ed25519 SubjectPublicKeyInfo is 44 bytes");
  var again = await subtle.importKey("spki", spki, "Ed25519", true, ["verify"]);
  assert.sameValue(await subtle.verify("Ed25519", again, sig, data), true, "spki round trip");
  var exportable = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  var pkcs8 = await subtle.exportKey("pkcs8", exportable.privateKey);
  assert.sameValue(pkcs8.byteLength, 48, "Ed25519 PKCS #8 is 48 bytes");
  var imported = await subtle.importKey("pkcs8", pkcs8, "Ed25519", false, ["sign"]);
  var sig2 = await subtle.sign("Ed25519", imported, data);
  assert.sameValue(await subtle.verify("Ed25519", exportable.publicKey, sig2, data), true, "pkcs8 round trip");
  var jwkOut = await subtle.exportKey("jwk", exportable.privateKey);
  assert.sameValue(jwkOut.kty, "OKP", "jwk kty");
  assert.sameValue(jwkOut.crv, "Ed25519", "jwk crv");
  assert.sameValue(typeof jwkOut.d, "string", "jwk d");
  assert.compareArray(jwkOut.key_ops, ["sign"], "jwk key_ops");

  await rejectsWith(function () { return subtle.generateKey("Ed25519", true, ["encrypt"]); }, "SyntaxError", "encrypt usage");
  await rejectsWith(function () { return subtle.generateKey("Ed25519", true, ["verify"]); }, "SyntaxError", "no private usage");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"]); }, "DataError", "31-byte raw key");
  await rejectsWith(function () { return subtle.importKey("raw", unhex(vectors[0].public), "Ed25519", true, ["sign"]); }, "SyntaxError", "sign usage on a public key");
  await rejectsWith(function () { return subtle.importKey("spki", new Uint8Array(44), "Ed25519", true, ["verify"]); }, "DataError", "bad spki");
  await rejectsWith(function () { return subtle.exportKey("pkcs8", exportable.publicKey); }, "InvalidAccessError", "pkcs8 of a public key");
  await rejectsWith(function () { return subtle.exportKey("raw", exportable.privateKey); }, "InvalidAccessError", "raw of a private key");
  await rejectsWith(function () { return subtle.sign("Ed25519", exportable.publicKey, data); }, "InvalidAccessError", "sign with a public key");
});
