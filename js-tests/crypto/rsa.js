/*---
description: >
  RSASSA-PKCS1-v1_5 and RSA-PSS keys with SHA-256: a 2048-bit key and the
  signatures node v20 made with it (PKCS #1 v1.5 signatures are
  deterministic, so ours must be byte-identical; PSS is randomized, so
  node's must verify), import from jwk and spki, export and import back,
  a generated pair, the algorithm dictionary, and the errors the spec names
  (Web Crypto §20, §21; checked on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var JWK = {
  "kty": "RSA",
  "n": "uKp9iI4nFABEC9Y2Lp9XzSQsgNUEDHaapP8uuG04Z_Cgn1kZ7Ak01lj9KmVylAgtUgq6L7URMwWzc5pocgyWGf1qAiTjJJSJw4PHUMShcNz8BZdNjuflm3TrnN8v2PGorw1vsMk5oB8-r0xa8GyvkBHNvxs0LMw6WIQ908PSBysOtBuwHDz43g-ZKdzj9tq5lfvVjEB4p2k1dcisyQOl1HWa108B8sb3S8Tgs123z0N0HZRzSwCPJhwZ6X9rbV0f_MZZbsRlnqulI0TCIKitCOWQigD_nZnNEglzSdto6gwJ16X-0kzGjezvMOrN_tH4FFwzsUdaJfSKvlOJs2jMYw",
  "e": "AQAB",
  "d": "CdTBxCBVQkJVXQ_1aHwBL6GqYN12TreNuhT_xr_Bzf7IflM_Bwribjrkl3o5JFpfF0wM53dLSB0YlaH1x4SWBSIxn5WZJhxmTStZ1Bnzwk9xd1a7wUzlM2aBGKPlJzaOVWtws8eysqyXKLv252_R1OitvGvVVkE1Jfs8U2bMaqcv3UOov2kBqPQJv5DE925tB2W4YOtqT4VjASF9RhXtcMNImht-ps3DeQxXPR2akyLMknrgidMB2KBHtPUqYbGI_x7vlH6ZtKRDmeJaFYRNGBb0L8GNvrm128mSAa5kJ24bkt1Si_qmAxPNoEHeXCJoCOKVdBxcNJzzQaOo7ORyYQ",
  "p": "9FMvmnEmyulbc9XEYHOqTcuc_QTcI6LUbl1gvCYOgW88sMLhhvhAGPFc70ENh3pwD3jrQuEht18rTBznpnxEJz5wArNW_Q4oy3E9tqC-OuMGiSREpWhNVRc9DFVyz4RGu2RLhwEeNWC9W_hAUeot9pcrWKdrH2LP8eKTubjn7lM",
  "q": "wX1_25_zsFftQJRCcb3JJpzAJ8xzk675_pnfuqo08D_lPeq-k2PcVA7YVIpkK0mlQzzgu0IP4Wp7FqQ_LsG0U3VV66YP_UZVMbuRy-T_BN292AT5p-Pk5VfN9Ufg3tJq6Pol5wd2xGlK0YLPa2y0uPmDcwRxvc8qLt0mRhG8R7E",
  "dp": "xX84y68LnJplwozZ4N2enKQqkpyLFoNZFJ2GxJA-yYIRnRDrHR8vMPpqFTyQoyLl0pv8EGPLzV6wsSXsWze4H8Do6kXt20DG2S0Apc_p9c_uSI14r_xQBqhyQLYRyI00X-YC526P7LX2W5Gg7JZP8TThZRhwDz7guLZek5JUaOE",
  "dq": "jSH4b_805ezMrm02JfbT0SlG9ACqUQ-xY-djDKn4IUHJ-abPSXzuihWl78xeEkEOnYO7PHuMT9S2YaZ-O6Go4bNVb6RaR1jU7YiuaPXomekP_5Bpde_B1xN7tCywtnbu6m8D1IdaNxvCKh3rI6VQERhWrD-So2uHjlVbBIMNPZE",
  "qi": "JkHqhmDjVrMKXrtBAZdfwFoLurlsm9aWqEXkUEdc8beEgEELY5cieC1T5ueBP84UPMAt8HCeIwzmQ0FTxzKAQCBDro8Rqt2kakp8fTzFU0F4TPC8BMFGM7_6Vky1YibE4rgh-j35i78U1tP-a0Hl2dUZ6UOts-HCWWccqZCrBuM"
};
var SIGNATURE = "163477de783aee562e70d919915d99bb4f287f8869e1125d583b5360fbfb40c7b4808a1904af184e96eadbb160e79af7f6df21d33b8c9283dbe25af992ea32c85bccd6de0232383153d8abc42481ecedf06bfe9c98667b112e044e89c41061b8da0a7c55ee401389e2bebd2670f3b4442aa2b0790cd2f3f5a780295dcf1c7fe4947b8536e7097f0fd9613aa1678c8100761c1eefc8cf6db756e86d09b1903c1bffa581ba3c964efdd524914d9246b05a803d1f4d0c30382f22729309b27c82243c579657bfc31d3bfc9432e32a5b7810943adfc17bb7bed03f3bb0cfd8c5234eb17483628f01a0eb71562fdf8d0be434335c8e8c4fe01ed49b230bcdfae0281f";
var PSS_SIGNATURE = "7f931846d5643fa97c2b7762b14146ac4f96c85e03e8e8b7ca2834ef16af74e2be34838fe4b32fcef2778e790d5e8f11150862700b07f3dc855256cacae6b979e168ccd1c3daec8a620b57927fbe28bc39f40ef4f84411023b599256ede87c68983fc8d758488fb1924d749f5fc00192d7bab246c4feaba4b2e1955a06efb29f5c726898cb0347e30d2b462d5842623f2e2b27668e005b80b3a76db9c13dfd7593b55af568378f836f1f66447a0bad1e58b80f19a1e3642494daed5807c6e87ae412ddb332fec191483d9d50f3939f841c6fc885cc9bf3540ae6d3cf38f2674ae9388f944dacfb91b417b060e89566efabedef973c7a278d9b62a1825a89429b";
var SPKI = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100b8aa7d888e271400440bd6362e9f57cd242c80d5040c769aa4ff2eb86d3867f0a09f5919ec0934d658fd2a657294082d520aba2fb5113305b3739a68720c9619fd6a0224e3249489c383c750c4a170dcfc05974d8ee7e59b74eb9cdf2fd8f1a8af0d6fb0c939a01f3eaf4c5af06caf9011cdbf1b342ccc3a58843dd3c3d2072b0eb41bb01c3cf8de0f9929dce3f6dab995fbd58c4078a7693575c8acc903a5d4759ad74f01f2c6f74bc4e0b35db7cf43741d94734b008f261c19e97f6b6d5d1ffcc6596ec4659eaba52344c220a8ad08e5908a00ff9d99cd12097349db68ea0c09d7a5fed24cc68decef30eacdfed1f8145c33b1475a25f48abe5389b368cc630203010001";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var data = new TextEncoder().encode("nano-boa RSA fixture");
  var pkcs1 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  var privateKey = await subtle.importKey("jwk", JWK, pkcs1, true, ["sign"]);
  assert.sameValue(privateKey.type, "private", "type");
  assert.sameValue(privateKey.algorithm.name, "RSASSA-PKCS1-v1_5", "algorithm.name");
  assert.sameValue(privateKey.algorithm.modulusLength, 2048, "modulusLength");
  assert.sameValue(hex(privateKey.algorithm.publicExponent), "010001", "publicExponent");
  assert(privateKey.algorithm.publicExponent instanceof Uint8Array, "publicExponent is a Uint8Array");
  assert.sameValue(privateKey.algorithm.hash.name, "SHA-256", "hash");
  assert.sameValue(hex(await subtle.sign("RSASSA-PKCS1-v1_5", privateKey, data)), SIGNATURE, "the same signature as node");

  var publicKey = await subtle.importKey("spki", unhex(SPKI), pkcs1, true, ["verify"]);
  assert.sameValue(await subtle.verify("RSASSA-PKCS1-v1_5", publicKey, unhex(SIGNATURE), data), true, "node's signature verifies");
  assert.sameValue(await subtle.verify("RSASSA-PKCS1-v1_5", publicKey, unhex(SIGNATURE), new Uint8Array(3)), false, "other data");
  assert.sameValue(hex(await subtle.exportKey("spki", publicKey)), SPKI, "spki export is node's");
  var jwkOut = await subtle.exportKey("jwk", privateKey);
  ["n", "e", "d", "p", "q", "dp", "dq", "qi"].forEach(function (m) {
    assert.sameValue(jwkOut[m], JWK[m], "jwk " + m);
  });
  assert.sameValue(jwkOut.alg, "RS256", "jwk alg");
  var pkcs8 = await subtle.exportKey("pkcs8", privateKey);
  var fromPkcs8 = await subtle.importKey("pkcs8", pkcs8, pkcs1, false, ["sign"]);
  assert.sameValue(hex(await subtle.sign("RSASSA-PKCS1-v1_5", fromPkcs8, data)), SIGNATURE, "pkcs8 round trip signs the same");

  var pss = { name: "RSA-PSS", hash: "SHA-256" };
  var pssPublic = await subtle.importKey("spki", unhex(SPKI), pss, true, ["verify"]);
  assert.sameValue(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pssPublic, unhex(PSS_SIGNATURE), data), true, "node's PSS signature verifies");
  assert.sameValue(await subtle.verify({ name: "RSA-PSS", saltLength: 20 }, pssPublic, unhex(PSS_SIGNATURE), data), false, "another salt length");
  var pssPrivate = await subtle.importKey("jwk", Object.assign({}, JWK, { alg: "PS256" }), pss, false, ["sign"]);
  var pssSig = await subtle.sign({ name: "RSA-PSS", saltLength: 32 }, pssPrivate, data);
  assert.sameValue(pssSig.byteLength, 256, "PSS signature length");
  assert.sameValue(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, pssPublic, pssSig, data), true, "own PSS signature verifies");

  var pair = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" }, false, ["sign", "verify"]);
  assert.sameValue(pair.publicKey.algorithm.modulusLength, 1024, "generated modulusLength");
  assert.compareArray(pair.privateKey.usages, ["sign"], "private usages");
  var sig = await subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, data);
  assert.sameValue(await subtle.verify("RSASSA-PKCS1-v1_5", pair.publicKey, sig, data), true, "generated pair verifies");

  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, JWK, { alg: "RS512" }), pkcs1, true, ["sign"]); }, "DataError", "jwk alg mismatch");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(8), pkcs1, true, ["verify"]); }, "NotSupportedError", "raw RSA");
  await rejectsWith(function () { return subtle.importKey("jwk", JWK, { name: "RSASSA-PKCS1-v1_5" }, true, ["sign"]); }, "TypeError", "no hash");
  await rejectsWith(function () { return subtle.sign("RSA-PSS", pssPrivate, data); }, "TypeError", "PSS without saltLength");
  await rejectsWith(function () { return subtle.sign({ name: "RSA-PSS", saltLength: 32 }, privateKey, data); }, "InvalidAccessError", "a PKCS #1 key for PSS");
  await rejectsWith(function () { return subtle.exportKey("pkcs8", publicKey); }, "InvalidAccessError", "pkcs8 of a public key");
  await rejectsWith(function () { return subtle.importKey("spki", unhex(SPKI), pkcs1, true, ["sign"]); }, "SyntaxError", "sign usage on a public key");
});
