/*---
description: >
  HMAC errors as Web Crypto names them: SyntaxError for a usage HMAC keys
  cannot have or for no usage at all, DataError for an empty key, a bad
  length or an inconsistent JWK, InvalidAccessError for exporting a
  non-extractable key or signing with a key lacking the usage,
  NotSupportedError for an spki import, TypeError for a missing hash or a
  bad KeyFormat or KeyUsage (Web Crypto §14.3, §29.7; as node v20, except
  that node rejects an spki import of an HMAC key with a plain Error).
includes: [cryptoHelpers.js, asyncHelpers.js]
flags: [async]
---*/

var subtle = crypto.subtle;
var raw = new Uint8Array(32).fill(7);
var hmac256 = { name: "HMAC", hash: "SHA-256" };

asyncTest(async function () {
  await rejectsWith(function () { return subtle.importKey("raw", raw, hmac256, false, ["encrypt"]); }, "SyntaxError", "encrypt usage");
  await rejectsWith(function () { return subtle.importKey("raw", raw, hmac256, false, []); }, "SyntaxError", "no usage");
  await rejectsWith(function () { return subtle.generateKey(hmac256, false, []); }, "SyntaxError", "generate with no usage");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(0), hmac256, false, ["sign"]); }, "DataError", "empty key");
  await rejectsWith(function () { return subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256", length: 257 }, false, ["sign"]); }, "DataError", "length above the key's bits");
  await rejectsWith(function () { return subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256", length: 248 }, false, ["sign"]); }, "DataError", "length a whole byte short");
  await rejectsWith(function () { return subtle.importKey("raw", raw, { name: "HMAC" }, false, ["sign"]); }, "TypeError", "no hash");
  await rejectsWith(function () { return subtle.importKey("raw", raw, { name: "HMAC", hash: "MD5" }, false, ["sign"]); }, "NotSupportedError", "unknown hash");
  await rejectsWith(function () { return subtle.importKey("spki", raw, hmac256, false, ["sign"]); }, "NotSupportedError", "spki");
  await rejectsWith(function () { return subtle.importKey("pem", raw, hmac256, false, ["sign"]); }, "TypeError", "bad KeyFormat");
  await rejectsWith(function () { return subtle.importKey("raw", raw, hmac256, false, ["sing"]); }, "TypeError", "bad KeyUsage");
  await rejectsWith(function () { return subtle.importKey("raw", raw, hmac256, false, "sign"); }, "TypeError", "usages not a sequence");
  await rejectsWith(function () { return subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 0 }, false, ["sign"]); }, "OperationError", "length 0");

  var jwk = { kty: "oct", k: "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc", alg: "HS256" };
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { kty: "RSA" }), hmac256, false, ["sign"]); }, "DataError", "jwk kty");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { alg: "HS512" }), hmac256, false, ["sign"]); }, "DataError", "jwk alg mismatch");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { use: "enc" }), hmac256, false, ["sign"]); }, "DataError", "jwk use");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { key_ops: ["verify"] }), hmac256, false, ["sign"]); }, "DataError", "jwk key_ops");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, jwk, { ext: false }), hmac256, true, ["sign"]); }, "DataError", "jwk ext");
  var { k, ...noK } = jwk;
  await rejectsWith(function () { return subtle.importKey("jwk", noK, hmac256, false, ["sign"]); }, "DataError", "jwk without k");

  var signOnly = await subtle.importKey("raw", raw, hmac256, false, ["sign"]);
  await rejectsWith(function () { return subtle.exportKey("raw", signOnly); }, "InvalidAccessError", "not extractable");
  await rejectsWith(function () { return subtle.verify("HMAC", signOnly, new Uint8Array(32), raw); }, "InvalidAccessError", "no verify usage");
  await rejectsWith(function () { return subtle.sign("HMAC", {}, raw); }, "TypeError", "key not a CryptoKey");
});
