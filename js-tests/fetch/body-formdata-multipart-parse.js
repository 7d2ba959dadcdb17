/*---
description: >
  formData() parses a hand-written multipart/form-data body: a quoted
  boundary parameter, the Content-Type's case, a part with a filename is a
  File (type lowercased; text/plain when the part has no Content-Type), a
  part without one is a string; a body with only the closing delimiter is
  empty.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var body =
    "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nv1\r\n" +
    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\nContent-Type: Image/PNG\r\n\r\nxx\r\n" +
    "--XyZ\r\nContent-Disposition: form-data; name=\"g\"; filename=\"g.txt\"\r\n\r\nhello\r\n" +
    "--XyZ--\r\n";
  var fd = await new Response(body, { headers: { "content-type": "Multipart/Form-Data; Boundary=\"XyZ\"" } }).formData();
  assert.compareArray(Array.from(fd.keys()), ["t", "f", "g"]);
  assert.sameValue(fd.get("t"), "v1");
  var f = fd.get("f");
  assert(f instanceof File);
  assert.sameValue(f.name, "a.png");
  assert.sameValue(f.type, "image/png");
  assert.sameValue(f.size, 2);
  var g = fd.get("g");
  assert.sameValue(g.type, "text/plain", "the default type of a file part");
  assert.sameValue(await g.text(), "hello");
  var none = await new Response("--B--\r\n", { headers: { "content-type": "multipart/form-data; boundary=B" } }).formData();
  assert.sameValue(Array.from(none).length, 0);
});
