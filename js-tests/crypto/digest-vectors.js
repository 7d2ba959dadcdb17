/*---
description: >
  crypto.subtle.digest gives the FIPS 180-4 example digests of "abc" and of
  the empty string for SHA-1, SHA-256, SHA-384 and SHA-512, as an
  ArrayBuffer; algorithm names match case-insensitively and may be given as
  { name } (Web Crypto §14.3.5, §18.4.4; values checked on node v20).
includes: [cryptoHelpers.js, asyncHelpers.js]
flags: [async]
---*/

var abc = new TextEncoder().encode("abc");
var vectors = [
  ["SHA-1", abc, "a9993e364706816aba3e25717850c26c9cd0d89d"],
  ["SHA-256", abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["SHA-384", abc, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"],
  ["SHA-512", abc, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"],
  ["SHA-256", new Uint8Array(0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["sha-256", abc.buffer, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [{ name: "Sha-1" }, new DataView(abc.buffer), "a9993e364706816aba3e25717850c26c9cd0d89d"],
];

asyncTest(async function () {
  for (var i = 0; i < vectors.length; i++) {
    var result = await crypto.subtle.digest(vectors[i][0], vectors[i][1]);
    assert(result instanceof ArrayBuffer, "vector " + i + ": an ArrayBuffer");
    assert.sameValue(hex(result), vectors[i][2], "vector " + i);
  }
  // The data is copied when the call is made: a later change is not seen.
  var data = new TextEncoder().encode("abc");
  var pending = crypto.subtle.digest("SHA-256", data);
  data[0] = 0;
  assert.sameValue(hex(await pending), vectors[1][2], "data copied at call time");
});
