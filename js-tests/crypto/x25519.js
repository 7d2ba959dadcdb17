/*---
description: >
  X25519 (Secure Curves in the Web Cryptography API; RFC 7748): the
  Diffie-Hellman vectors of RFC 7748 §6.1 through raw, jwk, spki and
  pkcs8 keys (RFC 8410 DER), the scalar-multiplication vector of §5.2 as
  deriveBits, exports in every format, generated pairs that agree,
  deriveKey, the all-zero shared secret of a small-order point
  (OperationError, as the draft says), and errors with the names the
  draft gives (checked on node v20). Usages follow the spec's KeyUsage
  order ("usage intersection"): node v20 lists a key's usages in another
  order (deriveBits before deriveKey); this test follows the spec.
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

// RFC 7748 §6.1.
var ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
var ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
var BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
var BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
var SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
// RFC 7748 §5.2, the first X25519 vector.
var SCALAR = "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4";
var U = "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c";
var OUTPUT = "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552";
// RFC 8410 §7 and §4: the DER around a 32-byte key.
var PKCS8_PREFIX = "302e020100300506032b656e04220420";
var SPKI_PREFIX = "302a300506032b656e032100";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var X = { name: "X25519" };
  var alice = await subtle.importKey("pkcs8", unhex(PKCS8_PREFIX + ALICE_PRIVATE), X, true, ["deriveBits", "deriveKey"]);
  assert.sameValue(alice.type, "private", "type");
  assert.sameValue(alice.algorithm.name, "X25519", "algorithm.name");
  assert.compareArray(alice.usages, ["deriveKey", "deriveBits"], "usages");
  var bobPublic = await subtle.importKey("raw", unhex(BOB_PUBLIC), "X25519", true, []);
  assert.sameValue(bobPublic.type, "public", "public type");
  assert.compareArray(bobPublic.usages, [], "a public key has no usages");
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: bobPublic }, alice, 256)), SHARED, "Alice's side (RFC 7748 §6.1)");
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: bobPublic }, alice, null)), SHARED, "null length");
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: bobPublic }, alice, 12)), "4a50", "12 bits, the rest zeroed");
  await rejectsWith(function () { return subtle.deriveBits({ name: "X25519", public: bobPublic }, alice, 264); }, "OperationError", "more than 256 bits");

  var bob = await subtle.importKey("jwk", { kty: "OKP", crv: "X25519", x: b64url(unhex(BOB_PUBLIC)), d: b64url(unhex(BOB_PRIVATE)) }, X, true, ["deriveBits"]);
  var alicePublic = await subtle.importKey("spki", unhex(SPKI_PREFIX + ALICE_PUBLIC), X, true, []);
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: alicePublic }, bob, null)), SHARED, "Bob's side");

  var scalar = await subtle.importKey("pkcs8", unhex(PKCS8_PREFIX + SCALAR), X, false, ["deriveBits"]);
  var u = await subtle.importKey("raw", unhex(U), X, false, []);
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: u }, scalar, null)), OUTPUT, "RFC 7748 §5.2");

  assert.sameValue(hex(await subtle.exportKey("raw", bobPublic)), BOB_PUBLIC, "raw export");
  assert.sameValue(hex(await subtle.exportKey("spki", bobPublic)), SPKI_PREFIX + BOB_PUBLIC, "spki export");
  assert.sameValue(hex(await subtle.exportKey("pkcs8", alice)), PKCS8_PREFIX + ALICE_PRIVATE, "pkcs8 export");
  var jwk = await subtle.exportKey("jwk", alice);
  assert.sameValue(jwk.kty, "OKP", "jwk kty");
  assert.sameValue(jwk.crv, "X25519", "jwk crv");
  assert.sameValue(jwk.x, b64url(unhex(ALICE_PUBLIC)), "jwk x is the public key");
  assert.sameValue(jwk.d, b64url(unhex(ALICE_PRIVATE)), "jwk d");
  assert.compareArray(jwk.key_ops, ["deriveKey", "deriveBits"], "jwk key_ops");
  var publicJwk = await subtle.exportKey("jwk", bobPublic);
  assert.sameValue(publicJwk.d, undefined, "a public jwk has no d");

  var a = await subtle.generateKey("X25519", true, ["deriveBits"]);
  var b = await subtle.generateKey("X25519", true, ["deriveBits"]);
  assert.compareArray(a.publicKey.usages, [], "generated public usages");
  assert.compareArray(a.privateKey.usages, ["deriveBits"], "generated private usages");
  assert.sameValue(a.publicKey.extractable, true, "a public key is always extractable");
  assert.sameValue(hex(await subtle.deriveBits({ name: "X25519", public: b.publicKey }, a.privateKey, null)), hex(await subtle.deriveBits({ name: "X25519", public: a.publicKey }, b.privateKey, null)), "both sides agree");
  var aes = await subtle.deriveKey({ name: "X25519", public: bobPublic }, alice, { name: "AES-KW", length: 128 }, true, ["wrapKey"]);
  assert.sameValue(hex(await subtle.exportKey("raw", aes)), SHARED.slice(0, 32), "deriveKey: the first 128 bits");

  var zero = await subtle.importKey("raw", new Uint8Array(32), X, false, []);
  await rejectsWith(function () { return subtle.deriveBits({ name: "X25519", public: zero }, alice, null); }, "OperationError", "all-zero shared secret");
  await rejectsWith(function () { return subtle.importKey("raw", unhex(BOB_PUBLIC), X, false, ["deriveBits"]); }, "SyntaxError", "usages on a public key");
  await rejectsWith(function () { return subtle.importKey("pkcs8", unhex(PKCS8_PREFIX + ALICE_PRIVATE), X, false, ["encrypt"]); }, "SyntaxError", "encrypt usage");
  await rejectsWith(function () { return subtle.generateKey("X25519", false, ["sign"]); }, "SyntaxError", "sign usage");
  await rejectsWith(function () { return subtle.generateKey("X25519", false, []); }, "SyntaxError", "no usages for the private key");
  await rejectsWith(function () { return subtle.importKey("raw", unhex(BOB_PUBLIC).slice(1), X, false, []); }, "DataError", "a 31-byte raw key");
  await rejectsWith(function () { return subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: b64url(unhex(BOB_PUBLIC)) }, X, false, []); }, "DataError", "jwk crv Ed25519");
  await rejectsWith(function () { return subtle.importKey("jwk", { kty: "EC", crv: "X25519", x: b64url(unhex(BOB_PUBLIC)) }, X, false, []); }, "DataError", "jwk kty EC");
  await rejectsWith(function () { return subtle.importKey("jwk", { kty: "OKP", crv: "X25519", x: b64url(unhex(ALICE_PUBLIC)), d: b64url(unhex(BOB_PRIVATE)) }, X, false, ["deriveBits"]); }, "DataError", "jwk d that does not match x");
  await rejectsWith(function () { return subtle.importKey("spki", unhex("302a300506032b6570032100" + BOB_PUBLIC), X, false, []); }, "DataError", "an Ed25519 spki");
  await rejectsWith(function () { return subtle.exportKey("pkcs8", bobPublic); }, "InvalidAccessError", "pkcs8 of a public key");
  await rejectsWith(function () { return subtle.exportKey("raw", alice); }, "InvalidAccessError", "raw of a private key");
  await rejectsWith(function () { return subtle.deriveBits({ name: "X25519", public: alice }, alice, null); }, "InvalidAccessError", "public is a private key");
  var ecdh = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  await rejectsWith(function () { return subtle.deriveBits({ name: "X25519", public: ecdh.publicKey }, alice, null); }, "InvalidAccessError", "public is an ECDH key");
  await rejectsWith(function () { return subtle.deriveBits({ name: "ECDH", public: bobPublic }, alice, null); }, "InvalidAccessError", "an X25519 key for ECDH");
  await rejectsWith(function () { return subtle.deriveBits({ name: "X25519" }, alice, null); }, "TypeError", "no public member");
  await rejectsWith(function () { return subtle.sign("X25519", alice, utf8("x")); }, "NotSupportedError", "X25519 does not sign");
});
