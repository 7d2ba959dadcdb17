/*---
description: >
  node:crypto: createHash and createHmac over every digest node names (and
  OpenSSL's aliases), update with encodings, digest encodings, copy; hash;
  random bytes, ints, UUIDs and fills; timingSafeEqual; pbkdf2 and hkdf
  sync and with callbacks; secret KeyObjects (createSecretKey); node's
  coded errors. The expected lines are node v20's output for the same
  code.
flags: [module]
---*/
import crypto, { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { inspect as __inspect } from "node:util";
var out = [];
var log = (...a) => out.push(a.map((x) => (typeof x === "string" ? x : __inspect(x))).join(" "));
const c = crypto;
for (const a of ["md5", "sha1", "sha224", "sha256", "SHA384", "sha512", "sha512-224", "sha512-256", "sha-256", "RSA-SHA256"]) {
  log(a, createHash(a).update("hello ").update(Buffer.from("world")).digest("hex"), createHmac(a, "key").update("data").digest("base64"));
}
log(createHash("sha256").update("68656c6c6f", "hex").digest("base64url"), createHash("sha1").update(new Uint16Array([1, 2])).digest().length, createHash("md5").update("").digest("latin1").length);
const h = createHash("sha256").update("a"); const h2 = h.copy(); h2.update("b");
log(h.digest("hex"), h2.digest("hex"), Buffer.isBuffer(createHmac("sha256", Buffer.from("k")).digest()));
log(c.hash ? c.hash("sha1", "abc") : "no hash", c.getHashes().includes("sha256"), c.webcrypto === globalThis.crypto, c.subtle === globalThis.crypto.subtle);
log(randomBytes(16).length, Buffer.isBuffer(randomBytes(0)), typeof c.randomUUID(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.randomUUID()));
const u8 = new Uint8Array(8); log(c.getRandomValues(u8) === u8, c.randomFillSync(Buffer.alloc(4), 1, 2).length);
let okRange = true; for (let i = 0; i < 200; i++) { const n = c.randomInt(3, 7); if (n < 3 || n >= 7 || !Number.isInteger(n)) okRange = false; } log(okRange, c.randomInt(1) === 0);
log(timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), timingSafeEqual(new Uint8Array([1]), new Uint8Array([2])));
log(c.pbkdf2Sync("password", "salt", 1000, 32, "sha256").toString("hex"), c.pbkdf2Sync(Buffer.from("pw"), "s", 1, 20, "sha1").toString("hex"));
log(Buffer.from(c.hkdfSync("sha256", "key", "salt", "info", 32)).toString("hex"), c.hkdfSync("sha512", "k", "", "", 8) instanceof ArrayBuffer);
const errs = [() => createHash("nope"), () => createHmac("nope", "k"), () => { const x = createHash("sha1"); x.digest(); x.update("a"); }, () => { const x = createHash("sha1"); x.digest(); x.digest(); },
  () => timingSafeEqual(Buffer.from("a"), Buffer.from("ab")), () => createHash("sha1").update(5), () => c.randomInt(5, 3), () => randomBytes(-1), () => c.pbkdf2Sync("p", "s", 1, 8, "nope"), () => c.hkdfSync("sha256", "k", "s", "i", 255 * 32 + 1), () => c.randomInt(1.5), () => randomBytes("x")];
for (const f of errs) { try { f(); log("no error"); } catch (e) { log(e.name, e.code, e.message); } }
log(typeof c.createCipheriv, typeof c.scryptSync);
await new Promise((resolve) => c.randomBytes(8, (err, buf) => { log("randomBytes cb", err, buf.length); resolve(); }));
await new Promise((resolve) => c.pbkdf2("password", "salt", 1000, 16, "sha512", (err, key) => { log("pbkdf2 cb", err, key.toString("hex")); resolve(); }));
await new Promise((resolve) => c.hkdf("sha256", "key", "salt", "info", 16, (err, key) => { log("hkdf cb", err, Buffer.from(key).toString("hex")); resolve(); }));
await new Promise((resolve) => c.randomInt(10, (err, n) => { log("randomInt cb", err, n >= 0 && n < 10); resolve(); }));
await new Promise((resolve) => c.randomFill(new Uint32Array(4), (err, a) => { log("randomFill cb", err, a.length); resolve(); }));
log(String(createHash("sha256")), Object.prototype.toString.call(createHmac("sha1", "")));
const key = c.createSecretKey(Buffer.from("0123456789abcdef"));
log(key instanceof c.KeyObject, key.type, key.symmetricKeySize, key.export().toString(), JSON.stringify(key.export({ format: "jwk" })), key.equals(c.createSecretKey("0123456789abcdef")), key.equals(c.createSecretKey("x")));
log(createHmac("sha256", key).update("m").digest("hex") === createHmac("sha256", "0123456789abcdef").update("m").digest("hex"), c.createSecretKey("aGk=", "base64").symmetricKeySize);
log(Object.keys(Buffer).includes("from"), Object.keys(Buffer.prototype).includes("toString"), Buffer.of(1, 2, 300), Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1));
var expected = ["md5 5eb63bbbe01eeed093cb22bb8f5acdc3 nVxz74VZTTTsRDi3yX5R2A==", "sha1 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed EEFSxb/coHvGM+69RhmfAlXJ9J0=", "sha224 2f05477fc24bb4faefd86517156dafdecec45b8ad3cf2522a563582b GUJNQhDlDXpFIbXw1UtLDP8wYN7dzP2JT9pbOw==", "sha256 b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9 UDH+PZicbRU3oBP6bnOdojRj/a7DtwE32Cjjas4iG9A=", "SHA384 fdbd8e75a67f29f701a4e040385e2e23986303ea10239211af907fcbb83578b3e417cb71ce646efd0819dd8c088de1bd xfl62f0QIMF019wCz4PEwb8V7iDsVVtpCtWOYtqKAO5EzNtly4yArP0Sfr7laJWK", "sha512 309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f PFlToY9zA+xlO6FwrjNPr6COOEby7+MXuH786CN2JTy1Kowx3c3lo6Lu4YPCs0y5H4XmTdvDJfdpKxmUc1ecWA==", "sha512-224 22e0d52336f64a998085078b05a6e37b26f8120f43bf4db4c43a64ee i2ZXqdA0GbllR3uoFJeCx9jlisTHmpZG4ZHB1Q==", "sha512-256 0ac561fac838104e3f2e4ad107b4bee3e938bf15f2b15f009ccccd61a913f017 4dEN7gXDh7wEB7d96tKwYm5G2Zk6s6YVfKvIBchPDgk=", "sha-256 b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9 UDH+PZicbRU3oBP6bnOdojRj/a7DtwE32Cjjas4iG9A=", "RSA-SHA256 b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9 UDH+PZicbRU3oBP6bnOdojRj/a7DtwE32Cjjas4iG9A=", "LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ 20 16", "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603 true", "a9993e364706816aba3e25717850c26c9cd0d89d true true true", "16 true string true", "true 4", "true true", "true false", "632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3 227875ba69141bab369fc4187628d294f788e096", "9ca0d662557439e3b83365f2da4626d35da195c6d9d1779f09838cf9e408966e true", "Error undefined Digest method not supported", "TypeError ERR_CRYPTO_INVALID_DIGEST Invalid digest: nope", "Error ERR_CRYPTO_HASH_FINALIZED Digest already called", "Error ERR_CRYPTO_HASH_FINALIZED Digest already called", "RangeError ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH Input buffers must have the same byte length", "TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)", "RangeError ERR_OUT_OF_RANGE The value of \"max\" is out of range. It must be greater than the value of \"min\" (5). Received 3", "RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received -1", "TypeError ERR_CRYPTO_INVALID_DIGEST Invalid digest: nope", "RangeError ERR_CRYPTO_INVALID_KEYLEN Invalid key length", "TypeError ERR_INVALID_ARG_TYPE The \"max\" argument must be a safe integer. Received type number (1.5)", "TypeError ERR_INVALID_ARG_TYPE The \"size\" argument must be of type number. Received type string ('x')", "function function", "randomBytes cb null 8", "pbkdf2 cb null afe6c5530785b6cc6b1c6453384731bd", "hkdf cb null 9ca0d662557439e3b83365f2da4626d3", "randomInt cb undefined true", "randomFill cb null 4", "[object Object] [object Object]", "true secret 16 0123456789abcdef {\"kty\":\"oct\",\"k\":\"MDEyMzQ1Njc4OWFiY2RlZg\"} true false", "true 2", "true true <Buffer 01 02 2c> <Buffer 02 00>"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
