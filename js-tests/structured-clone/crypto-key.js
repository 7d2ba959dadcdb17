/*---
description: >
  structuredClone of a CryptoKey (WebCrypto §13.4, CryptoKey is
  serializable): the clone is a new CryptoKey with the same type,
  extractable flag, algorithm and usages (new objects for the algorithm
  and usages), and the same key material: an HMAC key's clone signs
  exactly as the original, a non-extractable ECDSA private key's clone
  signs what the original public key verifies. Two references to one key
  in a graph give one clone. Checked on node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var data = new TextEncoder().encode("the message");
  var hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  var copy = structuredClone(hmac);
  assert(copy instanceof CryptoKey, "a CryptoKey");
  assert.notSameValue(copy, hmac, "a new object");
  assert.sameValue(copy.type, "secret");
  assert.sameValue(copy.extractable, true);
  assert.sameValue(copy.algorithm.name, "HMAC");
  assert.sameValue(copy.algorithm.hash.name, "SHA-256");
  assert.sameValue(copy.algorithm.length, hmac.algorithm.length);
  assert.notSameValue(copy.algorithm, hmac.algorithm, "a new algorithm object");
  assert.compareArray(copy.usages, hmac.usages);
  var a = new Uint8Array(await crypto.subtle.sign("HMAC", hmac, data));
  var b = new Uint8Array(await crypto.subtle.sign("HMAC", copy, data));
  assert.compareArray(Array.from(b), Array.from(a), "the same secret");
  var rawA = new Uint8Array(await crypto.subtle.exportKey("raw", hmac));
  var rawB = new Uint8Array(await crypto.subtle.exportKey("raw", copy));
  assert.compareArray(Array.from(rawB), Array.from(rawA), "the same bytes exported");

  var pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  var privateCopy = structuredClone(pair.privateKey);
  assert.sameValue(privateCopy.type, "private");
  assert.sameValue(privateCopy.extractable, false, "still not extractable");
  assert.sameValue(privateCopy.algorithm.namedCurve, "P-256");
  var alg = { name: "ECDSA", hash: "SHA-256" };
  var signature = await crypto.subtle.sign(alg, privateCopy, data);
  assert.sameValue(await crypto.subtle.verify(alg, pair.publicKey, signature, data), true,
    "the clone signs with the same private key");
  await assert.throwsAsync(DOMException, function () { return crypto.subtle.exportKey("pkcs8", privateCopy); },
    "a non-extractable clone cannot be exported");

  var graph = structuredClone({ one: hmac, two: hmac });
  assert.sameValue(graph.one, graph.two, "one key, one clone");
});
