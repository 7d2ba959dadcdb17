/*---
description: >
  Request bodies arrive byte for byte: a string with non-ASCII characters
  is sent as UTF-8 (a lone surrogate as U+FFFD, USVString conversion), and
  a binary body with every byte value 0-255 (and a 64 KiB one) is sent
  unchanged (checked through /echo's bodyBase64).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function bytesOfBase64(b64) {
  var bin = atob(b64);
  var out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

asyncTest(async function () {
  var text = "héllo wörld – ☃ 𝄞 日本";
  var echo = await (await fetch(FIXTURE.http + "/echo", { method: "POST", body: text })).json();
  assert.sameValue(echo.body, text, "UTF-8 text round-trips");
  var expected = new TextEncoder().encode(text);
  var got = bytesOfBase64(echo.bodyBase64);
  assert.sameValue(got.length, expected.length, "UTF-8 byte length");
  for (var i = 0; i < got.length; i++) {
    assert.sameValue(got[i], expected[i], "UTF-8 byte " + i);
  }

  var lone = await (await fetch(FIXTURE.http + "/echo", { method: "PUT", body: "a\uD800b" })).json();
  assert.sameValue(lone.bodyBase64, "Ye+/vWI=", "a lone surrogate is sent as EF BF BD");

  var all = new Uint8Array(256);
  for (var b = 0; b < 256; b++) all[b] = b;
  var bin = await (await fetch(FIXTURE.http + "/echo", { method: "POST", body: all })).json();
  var back = bytesOfBase64(bin.bodyBase64);
  assert.sameValue(back.length, 256, "binary length");
  for (var j = 0; j < 256; j++) {
    assert.sameValue(back[j], j, "binary byte " + j);
  }

  var big = new Uint8Array(65536);
  for (var k = 0; k < big.length; k++) big[k] = (k * 7) & 255;
  var bigEcho = await (await fetch(FIXTURE.http + "/echo", { method: "POST", body: big.buffer })).json();
  var bigBack = bytesOfBase64(bigEcho.bodyBase64);
  assert.sameValue(bigBack.length, 65536, "64 KiB body length");
  var mismatch = -1;
  for (var m = 0; m < bigBack.length; m++) {
    if (bigBack[m] !== ((m * 7) & 255)) { mismatch = m; break; }
  }
  assert.sameValue(mismatch, -1, "64 KiB body bytes");
});
