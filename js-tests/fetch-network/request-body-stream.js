/*---
description: >
  fetch() with a ReadableStream request body (duplex "half"): /echo
  receives every chunk intact (text across chunks, binary with all 256
  byte values), also through a Request object, which is then used, and
  the body of another fetch response relayed as is (the downloaded
  response's body becomes used). Without
  duplex the fetch rejects with a TypeError (new Request throws inside
  fetch). A stream that errors, or a chunk that is not a Uint8Array,
  fails the fetch with a TypeError (Fetch §4.5 "transmit request body": a
  non-Uint8Array chunk or a stream error terminates the fetch, a network
  error). node v20 sends a string chunk as its UTF-8 bytes; this test
  follows the spec. How the body is framed on the wire (chunked or
  Content-Length) is not checked.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function bytesOfBase64(b64) {
  var bin = atob(b64);
  var out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function streamOf(chunks) {
  return new ReadableStream({
    start: function (c) {
      chunks.forEach(function (chunk) { c.enqueue(chunk); });
      c.close();
    }
  });
}

asyncTest(async function () {
  var enc = new TextEncoder();
  var echo = await (await fetch(FIXTURE.http + "/echo", {
    method: "POST",
    body: streamOf([enc.encode("hé"), enc.encode("llo "), new Uint8Array(0), enc.encode("wörld")]),
    duplex: "half"
  })).json();
  assert.sameValue(echo.method, "POST");
  assert.sameValue(echo.body, "héllo wörld", "the chunks arrive in order");

  var all = new Uint8Array(256);
  for (var b = 0; b < 256; b++) all[b] = b;
  var bin = await (await fetch(FIXTURE.http + "/echo", {
    method: "PUT",
    body: streamOf([all.subarray(0, 100), all.subarray(100)]),
    duplex: "half"
  })).json();
  var back = bytesOfBase64(bin.bodyBase64);
  assert.sameValue(back.length, 256, "binary length");
  for (var j = 0; j < 256; j++) assert.sameValue(back[j], j, "binary byte " + j);

  var req = new Request(FIXTURE.http + "/echo", {
    method: "PUT", body: streamOf([enc.encode("via request")]), duplex: "half"
  });
  var viaRequest = await (await fetch(req)).json();
  assert.sameValue(viaRequest.method, "PUT");
  assert.sameValue(viaRequest.body, "via request");
  assert.sameValue(req.bodyUsed, true, "the Request's body was used");
  await assert.throwsAsync(TypeError, function () { return fetch(req); }, "a used Request cannot be fetched again");

  var down = await fetch(FIXTURE.http + "/bytes?n=200000");
  var relayed = await (await fetch(FIXTURE.http + "/echo", { method: "POST", body: down.body, duplex: "half" })).json();
  assert.sameValue(down.bodyUsed, true, "the relayed response's body was read");
  var got = bytesOfBase64(relayed.bodyBase64);
  assert.sameValue(got.length, 200000, "relayed length");
  var firstBad = -1;
  for (var k = 0; k < got.length; k++) {
    if (got[k] !== k % 256) { firstBad = k; break; }
  }
  assert.sameValue(firstBad, -1, "relayed byte i is i % 256");

  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/echo", { method: "POST", body: streamOf([enc.encode("x")]) });
  }, "no duplex");

  var broke = new RangeError("the source broke");
  var err = await fetch(FIXTURE.http + "/echo", {
    method: "POST",
    body: new ReadableStream({ start: function (c) { c.enqueue(enc.encode("x")); c.error(broke); } }),
    duplex: "half"
  }).then(function () { return null; }, function (e) { return e; });
  assert(err instanceof TypeError, "an erroring body stream fails the fetch with a TypeError, got " + err);

  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/echo", { method: "POST", body: streamOf(["a string"]), duplex: "half" });
  }, "a string chunk");
  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/echo", { method: "POST", body: streamOf([new ArrayBuffer(2)]), duplex: "half" });
  }, "an ArrayBuffer chunk");
});
