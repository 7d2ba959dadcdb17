/*---
description: >
  blob() on the Body mixin (Fetch §6.3): a Blob of the body's bytes whose
  type is the serialized MIME type extracted from Content-Type (no
  spaces), lowercased as every Blob type is (File API §3), "" when there
  is none or it does not parse. It uses the body.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var r = new Response(new Uint8Array([1, 2, 3]), { headers: { "content-type": "Text/Plain; Charset=\"utf-8\"" } });
  var b = await r.blob();
  assert(b instanceof Blob);
  assert.sameValue(b.type, "text/plain;charset=utf-8");
  assert.compareArray(Array.from(await b.bytes()), [1, 2, 3]);
  assert.sameValue(r.bodyUsed, true);
  await assert.throwsAsync(TypeError, function () { return r.blob(); }, "a used body");
  assert.sameValue((await new Response(new Uint8Array([1])).blob()).type, "", "no Content-Type");
  assert.sameValue((await new Response("x", { headers: { "content-type": "nonsense" } }).blob()).type, "", "invalid");
  assert.sameValue((await new Response("x").blob()).type, "text/plain;charset=utf-8", "a Blob type is lowercase");
  var empty = await new Response(null).blob();
  assert.sameValue(empty.size, 0);
  var req = new Request("http://example.test/", { method: "PUT", body: "abc" });
  assert.sameValue(await (await req.blob()).text(), "abc");
  assert.sameValue(Response.prototype.blob.length, 0);
  await assert.throwsAsync(TypeError, function () { return Response.prototype.blob.call({}); });
});
