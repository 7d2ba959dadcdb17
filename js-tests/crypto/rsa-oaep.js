/*---
description: >
  RSA-OAEP (Web Crypto §22) with the 2048-bit key of rsa.js: ciphertexts
  node v20 made with SHA-1, SHA-256 (with a label) and SHA-512 must
  decrypt here (OAEP is randomized, so ours are checked by decrypting
  them; node v20 decrypted ours during development), import from jwk,
  spki and pkcs8, export with the JWK alg of each hash, a generated pair,
  wrapKey/unwrapKey of an AES key, and the errors the spec names (checked
  on node v20). Not covered: a label that is not UTF-8, which nano-boa
  refuses with NotSupportedError (the rsa crate holds labels as strings)
  while the spec and node accept any bytes.
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
var SPKI = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100b8aa7d888e271400440bd6362e9f57cd242c80d5040c769aa4ff2eb86d3867f0a09f5919ec0934d658fd2a657294082d520aba2fb5113305b3739a68720c9619fd6a0224e3249489c383c750c4a170dcfc05974d8ee7e59b74eb9cdf2fd8f1a8af0d6fb0c939a01f3eaf4c5af06caf9011cdbf1b342ccc3a58843dd3c3d2072b0eb41bb01c3cf8de0f9929dce3f6dab995fbd58c4078a7693575c8acc903a5d4759ad74f01f2c6f74bc4e0b35db7cf43741d94734b008f261c19e97f6b6d5d1ffcc6596ec4659eaba52344c220a8ad08e5908a00ff9d99cd12097349db68ea0c09d7a5fed24cc68decef30eacdfed1f8145c33b1475a25f48abe5389b368cc630203010001";
var MESSAGE = "nano-boa RSA-OAEP fixture";
var NODE_SHA1 = "56d27f31e26e0e52e1a222a42b8c82900814cbe4695f2ba53ade31d9449781b9bf8c5c0f58b9ea89adf766b41713dda0e0130eb4180c2d743f0695a3fd20d32b12145f0310f019e89d26872ce805341cb667048ca9377c42b2663b2241fcee018d36d0bc431cee245cebaf27e9fa30d81943f0f9c4b47fa77473fddd21ad7e8dfbb48d459f1a2e01b3104af6d7a7a8d8bcbb049a1e380b3e0d2c6af355bbeb447a5831575a741e0316446a0bba8f51bee3753a7c88476a2b8fc2148d2a867a32892ad9732753aa6fc43a1fef640e2e261e59b0a7a47318dde50391102ca7f151994c01d0edbb766f3d693b1ec6c07526d108ee331cdd06cb04d57a87843a8d9e";
var NODE_SHA256_LABEL = "0a081a5500e49fdaf406c1c1d01cd39274231fee715888f5abd6d715f15a5f1836836a98b2c17f15bc19ce5c4b83874f9b9ae8a4116bbc72ac371d74119314c294d690d02f1b7c7d2a7dd45597a988d8f05a01216c1ba239ba654b8b14b257a327b8d2f5dfe34f111ff0d681ebc508c382acfca757fdcbb4960f410ef6cfbcd2cb6755d783b7f4146794c9b4912f6773d94fc1c5b04e2b18d5e7d0e81cded37107c7ca93dc34ecc7a688c86c728c232878c14e8202695bf46ea8f2f3621ff2013ebefcf4216f76a7394a2e29d7c3b6662726b18da9abd1cd92fa53c81772fbf4dc088df1f4c71986505fa2bd55b24315cbf81a68b8cb9da8308fd424c71d074a";
var NODE_SHA512 = "2205f9ddffb533b8f0ca69ea8e0fa697c554c00763cfdf96f882534d07ea9515f1bba0847b1b47be94554bad6a04fd91a33ce6e939fecde8bfb98aae404aa0ed85b8bbb6d77b0ca0c56adeded2c4d5181eef824698d645a183892272af5c2fe2381c48023e6d7c9138acc8c17b5752c2428ed0f210f75838ee3c0adfca4309e16d743a56bc8c2637df54b805dfd8d452e6e54662083f1d7d52ee3c2109db0546d8f16293cb6343bb6a49b62ed816b167e94fb752d0fcd55dbdd460b548fbaff15d0c53969f322b9a473a17255c83fc20c25515836998b19ffbb6f8c986ae426e18eb4bdd9190c9dfee66991b03c0940a76d136edce5a535422044151e166779b";

asyncTest(async function () {
  var subtle = crypto.subtle;
  var oaep = function (hash) { return { name: "RSA-OAEP", hash: hash }; };
  var decode = function (buffer) { return new TextDecoder().decode(buffer); };
  var private256 = await subtle.importKey("jwk", Object.assign({}, JWK, { alg: "RSA-OAEP-256" }), oaep("SHA-256"), true, ["decrypt", "unwrapKey"]);
  assert.sameValue(private256.type, "private", "type");
  assert.sameValue(private256.algorithm.name, "RSA-OAEP", "algorithm.name");
  assert.sameValue(private256.algorithm.modulusLength, 2048, "modulusLength");
  assert.sameValue(private256.algorithm.hash.name, "SHA-256", "hash");
  assert.compareArray(private256.usages, ["decrypt", "unwrapKey"], "usages");
  var label = { name: "RSA-OAEP", label: utf8("a label") };
  assert.sameValue(decode(await subtle.decrypt(label, private256, unhex(NODE_SHA256_LABEL))), MESSAGE, "node's SHA-256 ciphertext with a label");
  await rejectsWith(function () { return subtle.decrypt({ name: "RSA-OAEP" }, private256, unhex(NODE_SHA256_LABEL)); }, "OperationError", "the wrong label");
  await rejectsWith(function () { return subtle.decrypt(label, private256, new Uint8Array(256)); }, "OperationError", "not a ciphertext");

  var private1 = await subtle.importKey("jwk", JWK, oaep("SHA-1"), false, ["decrypt"]);
  assert.sameValue(decode(await subtle.decrypt("RSA-OAEP", private1, unhex(NODE_SHA1))), MESSAGE, "node's SHA-1 ciphertext");
  var pkcs8 = await subtle.exportKey("pkcs8", private256);
  var private512 = await subtle.importKey("pkcs8", pkcs8, oaep("SHA-512"), false, ["decrypt"]);
  assert.sameValue(decode(await subtle.decrypt({ name: "RSA-OAEP" }, private512, unhex(NODE_SHA512))), MESSAGE, "node's SHA-512 ciphertext, key from pkcs8");

  var public256 = await subtle.importKey("spki", unhex(SPKI), oaep("SHA-256"), true, ["encrypt", "wrapKey"]);
  assert.compareArray(public256.usages, ["encrypt", "wrapKey"], "public usages");
  var ours = await subtle.encrypt(label, public256, utf8(MESSAGE));
  assert.sameValue(ours.byteLength, 256, "ciphertext length");
  assert.sameValue(decode(await subtle.decrypt(label, private256, ours)), MESSAGE, "our ciphertext decrypts");
  var again = await subtle.encrypt(label, public256, utf8(MESSAGE));
  assert.notSameValue(hex(again), hex(ours), "OAEP is randomized");
  await rejectsWith(function () { return subtle.encrypt("RSA-OAEP", public256, new Uint8Array(191)); }, "OperationError", "a message longer than k - 2hLen - 2");
  assert.sameValue((await subtle.encrypt("RSA-OAEP", public256, new Uint8Array(190))).byteLength, 256, "the longest message");

  var algs = { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" };
  for (var hash in algs) {
    var key = await subtle.importKey("spki", unhex(SPKI), oaep(hash), true, ["encrypt"]);
    var jwk = await subtle.exportKey("jwk", key);
    assert.sameValue(jwk.alg, algs[hash], hash + " jwk alg");
    assert.sameValue(jwk.n, JWK.n, hash + " jwk n");
    assert.compareArray(jwk.key_ops, ["encrypt"], hash + " key_ops");
  }
  assert.sameValue(hex(await subtle.exportKey("spki", public256)), SPKI, "spki export");

  var pair = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
  assert.compareArray(pair.publicKey.usages, ["encrypt", "wrapKey"], "generated public usages");
  assert.compareArray(pair.privateKey.usages, ["decrypt", "unwrapKey"], "generated private usages");
  var sealed = await subtle.encrypt("RSA-OAEP", pair.publicKey, utf8("generated"));
  assert.sameValue(decode(await subtle.decrypt("RSA-OAEP", pair.privateKey, sealed)), "generated", "generated pair");

  var aes = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-GCM", true, ["encrypt"]);
  var wrapped = await subtle.wrapKey("raw", aes, public256, label);
  assert.sameValue(wrapped.byteLength, 256, "wrapped length");
  var unwrapped = await subtle.unwrapKey("raw", wrapped, private256, label, "AES-GCM", true, ["encrypt"]);
  assert.sameValue(hex(await subtle.exportKey("raw", unwrapped)), "000102030405060708090a0b0c0d0e0f", "unwrapped AES key");
  var wrappedJwk = await subtle.wrapKey("jwk", aes, public256, { name: "RSA-OAEP" });
  var fromJwk = await subtle.unwrapKey("jwk", wrappedJwk, private256, { name: "RSA-OAEP" }, "AES-GCM", true, ["encrypt"]);
  assert.sameValue(fromJwk.algorithm.length, 128, "unwrapped from a JWK");

  await rejectsWith(function () { return subtle.importKey("spki", unhex(SPKI), oaep("SHA-256"), true, ["decrypt"]); }, "SyntaxError", "decrypt usage on a public key");
  await rejectsWith(function () { return subtle.importKey("jwk", JWK, oaep("SHA-256"), true, ["encrypt"]); }, "SyntaxError", "encrypt usage on a private jwk");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, JWK, { alg: "RSA-OAEP" }), oaep("SHA-256"), true, ["decrypt"]); }, "DataError", "jwk alg of another hash");
  await rejectsWith(function () { return subtle.importKey("jwk", Object.assign({}, JWK, { use: "sig" }), oaep("SHA-256"), true, ["decrypt"]); }, "DataError", "jwk use sig");
  await rejectsWith(function () { return subtle.importKey("raw", new Uint8Array(8), oaep("SHA-256"), true, ["encrypt"]); }, "NotSupportedError", "raw RSA-OAEP");
  await rejectsWith(function () { return subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign"]); }, "SyntaxError", "sign usage");
  await rejectsWith(function () { return subtle.encrypt("RSA-OAEP", private256, utf8("x")); }, "InvalidAccessError", "encrypt with the private key");
  await rejectsWith(function () { return subtle.decrypt({ name: "RSA-OAEP", label: utf8("a label") }, public256, ours); }, "InvalidAccessError", "decrypt with the public key");
  await rejectsWith(function () { return subtle.sign("RSA-OAEP", private256, utf8("x")); }, "NotSupportedError", "RSA-OAEP does not sign");
  var pss = await subtle.importKey("spki", unhex(SPKI), { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"]);
  await rejectsWith(function () { return subtle.encrypt("RSA-OAEP", pss, utf8("x")); }, "InvalidAccessError", "an RSA-PSS key");
  await rejectsWith(function () { return subtle.encrypt({ name: "RSA-OAEP", label: 5 }, public256, utf8("x")); }, "TypeError", "a label that is not a BufferSource");
});
