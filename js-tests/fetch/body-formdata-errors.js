/*---
description: >
  formData() rejects with a TypeError (Fetch §6.3) when the MIME type is
  neither multipart/form-data nor application/x-www-form-urlencoded (or
  there is none), when a multipart type has no boundary, and when the
  multipart body is malformed (truncated, a part without a name, empty).
  The body is used even when parsing fails.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  function read(body, type) {
    var init = type === undefined ? {} : { headers: { "content-type": type } };
    return new Response(body, init).formData();
  }
  await assert.throwsAsync(TypeError, function () { return read("a=b", "text/plain"); }, "text/plain");
  await assert.throwsAsync(TypeError, function () { return read(new Uint8Array([97])); }, "no Content-Type");
  await assert.throwsAsync(TypeError, function () { return read("a=b", "multipart/form-data"); }, "no boundary");
  await assert.throwsAsync(TypeError, function () {
    return read("--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nxx\r\n", "multipart/form-data; boundary=B");
  }, "no closing delimiter");
  await assert.throwsAsync(TypeError, function () {
    return read("--B\r\nContent-Disposition: form-data\r\n\r\nxx\r\n--B--\r\n", "multipart/form-data; boundary=B");
  }, "a part without a name");
  await assert.throwsAsync(TypeError, function () { return read("", "multipart/form-data; boundary=B"); }, "empty");
  var r = new Response("x", { headers: { "content-type": "text/html" } });
  await assert.throwsAsync(TypeError, function () { return r.formData(); });
  assert.sameValue(r.bodyUsed, true);
});
