/*---
description: >
  P-521 for ECDSA and ECDH (Web Crypto §23, §24): a key node v20 generated
  imports from jwk, spki, pkcs8 and raw and exports to node's spki and raw
  bytes; node's SHA-512 and SHA-1 signatures verify (ECDSA is randomized:
  node v20 verified ours during development); an ECDH secret node derived
  is derived the same; generated pairs of both; the ES512 JWK alg; errors
  the spec names (checked on node v20). pkcs8 exports are compared by
  importing them back: the DER encoders differ in optional fields.
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var PRIVATE = {"kty": "EC", "crv": "P-521", "x": "AQMvoLOdNe_kaO68YUbNqt1-UOfoDNADcjurD5fgAtqWTgfOBU3zLPzlKslS91m2XJmpwoHn5jp7KE9WZKfwi5CN", "y": "AIOQs_VThHyv1SVM4w371aRzb0SsKtcwvIXt_Xei_ffKdqSpNuskyg5FrkvqyoPD508xyvx4-QC6Xvw8mHymaeir", "d": "APrZUONlQd7bEjAzdbJ9OVLmMfzSMCgm1hXRjvDwydTjdyrd2bfOZvScpZuQ6nPzC0Vm-DSXstE_KQfDPNEGOxZE"};
var PUBLIC_B = {"kty": "EC", "crv": "P-521", "x": "AAXRmujdEQ0WRQziFiOWCD-IZZM78n8SkSljXAoOxX3NuYpyORVIAgQGjpV0SbLET6DnXJBFVyMJ18NZPhl-6Ch5", "y": "Af2sNRTrARmKCJbjA725n_6DTDdcXYDXnMiUcSDdBp1x9BWK4DIZgbatZcz6KSZi-tEzGVux6tYYO2n9ej0g3QQE"};
var SPKI = "30819b301006072a8648ce3d020106052b81040023038186000401032fa0b39d35efe468eebc6146cdaadd7e50e7e80cd003723bab0f97e002da964e07ce054df32cfce52ac952f759b65c99a9c281e7e63a7b284f5664a7f08b908d008390b3f553847cafd5254ce30dfbd5a4736f44ac2ad730bc85edfd77a2fdf7ca76a4a936eb24ca0e45ae4beaca83c3e74f31cafc78f900ba5efc3c987ca669e8ab";
var PKCS8 = "3081ee020100301006072a8648ce3d020106052b810400230481d63081d3020101044200fad950e36541dedb12303375b27d3952e631fcd2302826d615d18ef0f0c9d4e3772addd9b7ce66f49ca59b90ea73f30b4566f83497b2d13f2907c33cd1063b1644a18189038186000401032fa0b39d35efe468eebc6146cdaadd7e50e7e80cd003723bab0f97e002da964e07ce054df32cfce52ac952f759b65c99a9c281e7e63a7b284f5664a7f08b908d008390b3f553847cafd5254ce30dfbd5a4736f44ac2ad730bc85edfd77a2fdf7ca76a4a936eb24ca0e45ae4beaca83c3e74f31cafc78f900ba5efc3c987ca669e8ab";
var RAW = "0401032fa0b39d35efe468eebc6146cdaadd7e50e7e80cd003723bab0f97e002da964e07ce054df32cfce52ac952f759b65c99a9c281e7e63a7b284f5664a7f08b908d008390b3f553847cafd5254ce30dfbd5a4736f44ac2ad730bc85edfd77a2fdf7ca76a4a936eb24ca0e45ae4beaca83c3e74f31cafc78f900ba5efc3c987ca669e8ab";
var MESSAGE = "nano-boa P-521 fixture";
var SIG_SHA512 = "01e3303c8e067f277a4a59a5b77522dde1595d43af53097b0e2f7e5f9ac646e386e59eb0f5ffa819cab1db83ff08f83852d06635b793c2d67397d033144fc11692ff006d9219075dcfebd6e02e49808336271aaebba5cffcdf9fc6494226d52017443127ada3c5572f090dd7830560613338cb056053c214fbeaef436744fd805c6b0de1";
var SIG_SHA1 = "01880d63138ccda60db8a5b21620317f1519d6cca05c9d490eedd32982d776a8faff76b6c2d384429e95159a43e6d5ccc4142d3e73fad374b16471dff94ce141f4b801521a5235e63b109c2cd4f47d7fb673dd114147dd1f55221aabbca6f7829911db1e484a68e99877d83c6a37962714db2b493c544f12a1b77714781882fad9f165ba";
var SHARED = "01b3a1c2cb1e465909c4e1a286fe8d4ab0ffaf1a6006a146735846323478e6adf28fbd115c88080ee05dee1619a6da4975fe039d66bdb2c4f0e3720e99cfab7cd4f4";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var ecdsa = { name: "ECDSA", namedCurve: "P-521" };
  var ecdh = { name: "ECDH", namedCurve: "P-521" };
  var data = utf8(MESSAGE);
  var privateKey = await subtle.importKey("jwk", PRIVATE, ecdsa, true, ["sign"]);
  assert.sameValue(privateKey.algorithm.namedCurve, "P-521", "namedCurve");
  var publicKey = await subtle.importKey("spki", unhex(SPKI), ecdsa, true, ["verify"]);
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-512" }, publicKey, unhex(SIG_SHA512), data), true, "node's SHA-512 signature");
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-1" }, publicKey, unhex(SIG_SHA1), data), true, "node's SHA-1 signature");
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, unhex(SIG_SHA512), data), false, "another hash");
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-512" }, publicKey, unhex(SIG_SHA512).slice(1), data), false, "a short signature");
  var ours = await subtle.sign({ name: "ECDSA", hash: "SHA-512" }, privateKey, data);
  assert.sameValue(ours.byteLength, 132, "signature length (2 x 66 bytes)");
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-512" }, publicKey, ours, data), true, "our signature verifies");

  assert.sameValue(hex(await subtle.exportKey("spki", publicKey)), SPKI, "spki export is node's");
  assert.sameValue(hex(await subtle.exportKey("raw", publicKey)), RAW, "raw export is node's");
  var fromRaw = await subtle.importKey("raw", unhex(RAW), ecdsa, true, ["verify"]);
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-512" }, fromRaw, unhex(SIG_SHA512), data), true, "raw import");
  var fromPkcs8 = await subtle.importKey("pkcs8", unhex(PKCS8), ecdsa, true, ["sign"]);
  var jwk = await subtle.exportKey("jwk", fromPkcs8);
  assert.sameValue(jwk.kty, "EC", "jwk kty");
  assert.sameValue(jwk.crv, "P-521", "jwk crv");
  assert.sameValue(jwk.x, PRIVATE.x, "jwk x");
  assert.sameValue(jwk.y, PRIVATE.y, "jwk y");
  assert.sameValue(jwk.d, PRIVATE.d, "jwk d");
  var ownPkcs8 = await subtle.exportKey("pkcs8", privateKey);
  var back = await subtle.importKey("pkcs8", ownPkcs8, ecdsa, true, ["sign"]);
  assert.sameValue((await subtle.exportKey("jwk", back)).d, PRIVATE.d, "pkcs8 round trip");
  await subtle.importKey("jwk", Object.assign({}, PRIVATE, { alg: "ES512" }), ecdsa, false, ["sign"]);

  var pair = await subtle.generateKey(ecdsa, false, ["sign", "verify"]);
  var sig = await subtle.sign({ name: "ECDSA", hash: "SHA-384" }, pair.privateKey, data);
  assert.sameValue(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, pair.publicKey, sig, data), true, "generated ECDSA pair");

  var a = await subtle.importKey("jwk", PRIVATE, ecdh, false, ["deriveBits", "deriveKey"]);
  var b = await subtle.importKey("jwk", PUBLIC_B, ecdh, false, []);
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: b }, a, null)), SHARED, "node's shared secret");
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: b }, a, 528)), SHARED, "528 bits");
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: b }, a, 256)), SHARED.slice(0, 64), "256 bits");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: b }, a, 536); }, "OperationError", "more bits than the secret");
  var x = await subtle.generateKey(ecdh, true, ["deriveBits"]);
  var y = await subtle.generateKey(ecdh, true, ["deriveBits"]);
  assert.sameValue(hex(await subtle.deriveBits({ name: "ECDH", public: y.publicKey }, x.privateKey, null)), hex(await subtle.deriveBits({ name: "ECDH", public: x.publicKey }, y.privateKey, null)), "both sides agree");
  var aesKey = await subtle.deriveKey({ name: "ECDH", public: b }, a, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
  assert.sameValue(hex(await subtle.exportKey("raw", aesKey)), SHARED.slice(0, 64), "deriveKey: the first 256 bits");

  var p256 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: p256.publicKey }, a, null); }, "InvalidAccessError", "a public key on another curve");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, PRIVATE, { alg: "ES256" }), ecdsa, false, ["sign"]); }, "DataError", "jwk alg ES256");
  await rejectsWith(function () { return subtle.importKey("jwk", PRIVATE, { name: "ECDSA", namedCurve: "P-384" }, false, ["sign"]); }, "DataError", "jwk crv P-521 for P-384");
  await rejectsWith(function () { return subtle.importKey("spki", unhex(SPKI), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]); }, "DataError", "P-521 spki for P-256");
  await rejectsWith(function () { return subtle.importKey("raw", unhex(RAW).slice(0, 100), ecdsa, false, ["verify"]); }, "DataError", "a truncated point");
  await rejectsWith(function () { return subtle.importKey("spki", unhex(SPKI), ecdsa, false, ["sign"]); }, "SyntaxError", "sign usage on a public key");
  await rejectsWith(function () { return subtle.importKey("pkcs8", unhex(PKCS8), ecdh, false, ["sign"]); }, "SyntaxError", "sign usage on an ECDH key");
  await rejectsWith(function () { return subtle.sign({ name: "ECDSA", hash: "SHA-512" }, publicKey, data); }, "InvalidAccessError", "sign with a public key");
  await rejectsWith(function () { return subtle.generateKey({ name: "ECDSA", namedCurve: "P-522" }, false, ["sign"]); }, "NotSupportedError", "an unknown curve");
});
