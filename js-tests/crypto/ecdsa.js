/*---
description: >
  ECDSA on P-256 and P-384: the RFC 6979 §A.2.5 P-256/SHA-256 signature of
  "sample" verifies, generated pairs sign and verify with any SHA hash,
  signatures are r || s (64 and 96 bytes), keys round-trip through spki,
  pkcs8, raw and jwk, and the errors the spec names (Web Crypto §23;
  checked on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var subtle = crypto.subtle;
var sample = new TextEncoder().encode("sample");

asyncTest(async function () {
  // RFC 6979 §A.2.5: the P-256 key and its SHA-256 signature of "sample".
  var x = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
  var y = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
  var d = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
  var r = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
  var s = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
  var publicKey = await subtle.importKey("raw", unhex("04" + x + y), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
  assert.sameValue(publicKey.algorithm.name, "ECDSA", "algorithm name");
  assert.sameValue(publicKey.algorithm.namedCurve, "P-256", "namedCurve");
  var ecdsa256 = { name: "ECDSA", hash: "SHA-256" };
  assert.sameValue(await subtle.verify(ecdsa256, publicKey, unhex(r + s), sample), true, "RFC 6979 signature verifies");
  assert.sameValue(await subtle.verify(ecdsa256, publicKey, unhex(r + s), new TextEncoder().encode("test")), false, "other message");
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, publicKey, unhex(r + s), sample), false, "other hash");

  var privateKey = await subtle.importKey("jwk", {
    kty: "EC", crv: "P-256", x: b64url(unhex(x)), y: b64url(unhex(y)), d: b64url(unhex(d)),
  }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
  assert.sameValue(privateKey.type, "private", "jwk with d is private");
  var signature = await subtle.sign(ecdsa256, privateKey, sample);
  assert.sameValue(signature.byteLength, 64, "P-256 signature is r || s, 64 bytes");
  assert.sameValue(await subtle.verify(ecdsa256, publicKey, signature, sample), true, "own signature verifies");

  var curves = [["P-256", 64, 65], ["P-384", 96, 97]];
  for (var c = 0; c < curves.length; c++) {
    var curve = curves[c][0];
    var pair = await subtle.generateKey({ name: "ECDSA", namedCurve: curve }, true, ["sign", "verify"]);
    assert.sameValue(pair.privateKey.algorithm.namedCurve, curve, curve + " namedCurve");
    assert.compareArray(pair.privateKey.usages, ["sign"], curve + " private usages");
    assert.compareArray(pair.publicKey.usages, ["verify"], curve + " public usages");
    var hashes = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
    for (var h = 0; h < hashes.length; h++) {
      var alg = { name: "ECDSA", hash: hashes[h] };
      var sig = await subtle.sign(alg, pair.privateKey, sample);
      assert.sameValue(sig.byteLength, curves[c][1], curve + " " + hashes[h] + " signature length");
      assert.sameValue(await subtle.verify(alg, pair.publicKey, sig, sample), true, curve + " " + hashes[h] + " verifies");
    }
    var raw = await subtle.exportKey("raw", pair.publicKey);
    assert.sameValue(raw.byteLength, curves[c][2], curve + " raw is an uncompressed point");
    assert.sameValue(new Uint8Array(raw)[0], 4, curve + " raw starts with 0x04");
    var spki = await subtle.exportKey("spki", pair.publicKey);
    var fromSpki = await subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: curve }, true, ["verify"]);
    var pkcs8 = await subtle.exportKey("pkcs8", pair.privateKey);
    var fromPkcs8 = await subtle.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve: curve }, false, ["sign"]);
    var sig2 = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, fromPkcs8, sample);
    assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, fromSpki, sig2, sample), true, curve + " spki/pkcs8 round trip");
    var jwk = await subtle.exportKey("jwk", pair.privateKey);
    assert.sameValue(jwk.kty, "EC", curve + " jwk kty");
    assert.sameValue(jwk.crv, curve, curve + " jwk crv");
    assert.sameValue(jwk.ext, true, curve + " jwk ext");
    var fromJwk = await subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: curve }, true, ["sign"]);
    var sig3 = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, fromJwk, sample);
    assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pair.publicKey, sig3, sample), true, curve + " jwk round trip");
  }

  var p256 = { name: "ECDSA", namedCurve: "P-256" };
  var pair256 = await subtle.generateKey(p256, true, ["sign", "verify"]);
  var spki256 = await subtle.exportKey("spki", pair256.publicKey);
  await rejectsWith(function () { return subtle.importKey("spki", spki256, { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"]); }, "DataError", "P-256 spki as P-384");
  await rejectsWith(function () { return subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, true, ["sign"]); }, "NotSupportedError", "unknown curve");
  await rejectsWith(function () { return subtle.generateKey({ name: "ECDSA" }, true, ["sign"]); }, "TypeError", "no namedCurve");
  await rejectsWith(function () { return subtle.generateKey(p256, true, ["encrypt"]); }, "SyntaxError", "encrypt usage");
  await rejectsWith(function () { return subtle.sign("ECDSA", pair256.privateKey, sample); }, "TypeError", "ECDSA sign without a hash");
  await rejectsWith(function () { return subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair256.publicKey, sample); }, "InvalidAccessError", "sign with a public key");
  await rejectsWith(function () { return subtle.exportKey("pkcs8", pair256.publicKey); }, "InvalidAccessError", "pkcs8 of a public key");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(65), p256, true, ["verify"]); }, "DataError", "a point not on the curve");
  var hmac = await subtle.importKey("raw", new Uint8Array(16), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await rejectsWith(function () { return subtle.sign({ name: "ECDSA", hash: "SHA-256" }, hmac, sample); }, "InvalidAccessError", "an HMAC key for ECDSA");
});
