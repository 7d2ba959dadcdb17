/*---
description: >
  A Blob body (Fetch §6.4 "extract"): the Blob's bytes, and its type as
  the Content-Type when the type is not empty; a Content-Type given in the
  headers wins.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var blob = new Blob([new Uint8Array([0, 1, 255])], { type: "Application/X-Test" });
  var r = new Response(blob);
  assert.sameValue(r.headers.get("content-type"), "application/x-test");
  assert.compareArray(Array.from(await r.bytes()), [0, 1, 255]);
  var untyped = new Response(new Blob(["x"]));
  assert.sameValue(untyped.headers.get("content-type"), null, "no Content-Type for an empty type");
  assert.sameValue(await untyped.text(), "x");
  var given = new Response(blob, { headers: { "Content-Type": "text/plain" } });
  assert.sameValue(given.headers.get("content-type"), "text/plain");
  var file = new File(["file body"], "f.txt", { type: "text/plain" });
  var req = new Request("http://example.test/", { method: "POST", body: file });
  assert.sameValue(req.headers.get("content-type"), "text/plain");
  assert.sameValue(await req.text(), "file body");
  assert.sameValue(await blob.size, 3, "the Blob is not consumed");
});
