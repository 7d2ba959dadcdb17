/*---
description: >
  A Request with a FormData body gets the multipart Content-Type, and its
  formData() parses it back; the body is used afterwards.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  fd.append("k", "v");
  fd.append("f", new File(["data"], "d.txt", { type: "text/plain" }));
  var req = new Request("http://example.test/upload", { method: "POST", body: fd });
  assert(/^multipart\/form-data; boundary=/.test(req.headers.get("content-type")));
  var back = await req.formData();
  assert.sameValue(back.get("k"), "v");
  assert.sameValue(back.get("f").name, "d.txt");
  assert.sameValue(await back.get("f").text(), "data");
  assert.sameValue(req.bodyUsed, true);
  await assert.throwsAsync(TypeError, function () { return req.formData(); });
  assert.sameValue(Request.prototype.formData.length, 0);
});
