/*---
description: >
  AES-GCM with IVs other than 12 bytes and tags shorter than 128 bits
  (Web Crypto §27.3; NIST SP 800-38D §5.2.1). Test case 5 of the GCM
  specification (McGrew and Viega, an 8-byte IV) must give the published
  ciphertext and tag; test case 4's 12-byte IV with each allowed
  tagLength gives the leftmost bits of the full tag (values from node v20);
  a 16-byte IV round-trips to node's output; a tag of another length and
  an empty IV are OperationErrors, a forged short tag fails to decrypt.
  node v20's SubtleCrypto refuses 8-byte IVs (its crypto.createCipheriv
  gives the published test vector), while the spec allows any non-empty
  IV: this test follows the spec. nano-boa runs IVs of 1 to 16 bytes and
  refuses longer ones with NotSupportedError (node accepts them).
includes: [cryptoHelpers.js, asyncHelpers.js]
flags: [async]
---*/

var KEY = "feffe9928665731c6d6a8f9467308308";
var PLAIN = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
var AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
// GCM specification, test case 5 (8-byte IV).
var TC5_CIPHER = "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598";
var TC5_TAG = "3612d2e79e3b0785561be14aaca2fccb";
// Test case 4 (12-byte IV): ciphertext, then the 128-bit tag.
var TC4_CIPHER = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091";
var TC4_TAG = "5bc94fbc3221a5db94fae95ae7121a47";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var key = await subtle.importKey("raw", unhex(KEY), "AES-GCM", false, ["encrypt", "decrypt"]);
  var tc5 = { name: "AES-GCM", iv: unhex("cafebabefacedbad"), additionalData: unhex(AAD) };
  assert.sameValue(hex(await subtle.encrypt(tc5, key, unhex(PLAIN))), TC5_CIPHER + TC5_TAG, "test case 5 (8-byte IV)");
  assert.sameValue(hex(await subtle.decrypt(tc5, key, unhex(TC5_CIPHER + TC5_TAG))), PLAIN, "test case 5 decrypts");

  var lengths = [32, 64, 96, 104, 112, 120, 128];
  for (var i = 0; i < lengths.length; i++) {
    var t = lengths[i];
    var params = { name: "AES-GCM", iv: unhex("cafebabefacedbaddecaf888"), additionalData: unhex(AAD), tagLength: t };
    var sealed = TC4_CIPHER + TC4_TAG.slice(0, t / 4);
    assert.sameValue(hex(await subtle.encrypt(params, key, unhex(PLAIN))), sealed, "tagLength " + t);
    assert.sameValue(hex(await subtle.decrypt(params, key, unhex(sealed))), PLAIN, "tagLength " + t + " decrypts");
    var forged = unhex(sealed);
    forged[forged.length - 1] ^= 1;
    await rejectsWith(function () { return subtle.decrypt(params, key, forged); }, "OperationError", "tagLength " + t + " forged tag");
  }

  var iv16 = { name: "AES-GCM", iv: unhex("000102030405060708090a0b0c0d0e0f"), tagLength: 64 };
  var NODE_IV16 = "396b6cceec711cb4cb60894604ba1b54df0021d84a8a55";
  assert.sameValue(hex(await subtle.encrypt(iv16, key, utf8("sixteen-byte iv"))), NODE_IV16, "16-byte IV, 64-bit tag (node v20)");
  assert.sameValue(new TextDecoder().decode(await subtle.decrypt(iv16, key, unhex(NODE_IV16))), "sixteen-byte iv", "16-byte IV decrypts");

  await rejectsWith(function () { return subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 48 }, key, unhex(PLAIN)); }, "OperationError", "tagLength 48");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 256 }, key, unhex(PLAIN)); }, "TypeError", "tagLength past an octet ([EnforceRange])");
  await rejectsWith(function () { return subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, key, unhex(PLAIN)); }, "OperationError", "empty IV");
  await rejectsWith(function () { return subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 64 }, key, new Uint8Array(7)); }, "OperationError", "data shorter than the tag");
});
