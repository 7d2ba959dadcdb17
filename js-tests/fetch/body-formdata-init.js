/*---
description: >
  A FormData body (Fetch §6.4 "extract"): Content-Type
  "multipart/form-data; boundary=B" and the multipart/form-data encoding
  (HTML §4.10.21.8): each entry "--B", a Content-Disposition line, a blank
  line, the value, CRLF; then "--B--" CRLF. A File part has a filename and
  a Content-Type (application/octet-stream when its type is empty).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  fd.append("text", "value");
  fd.append("file", new File(["abc"], "a.txt", { type: "text/plain" }));
  fd.append("blob", new Blob(["z"]));
  var r = new Response(fd);
  var ct = r.headers.get("content-type");
  var m = /^multipart\/form-data; boundary=(.+)$/.exec(ct);
  assert.notSameValue(m, null, "Content-Type: " + ct);
  var B = m[1];
  assert(B.length >= 16, "a long boundary");
  var expected =
    "--" + B + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nvalue\r\n" +
    "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nabc\r\n" +
    "--" + B + "\r\nContent-Disposition: form-data; name=\"blob\"; filename=\"blob\"\r\nContent-Type: application/octet-stream\r\n\r\nz\r\n" +
    "--" + B + "--\r\n";
  assert.sameValue(await r.text(), expected);
  var other = new Response(fd).headers.get("content-type");
  assert.notSameValue(other, ct, "a new random boundary each time");
  var empty = new Response(new FormData());
  var eb = /boundary=(.+)$/.exec(empty.headers.get("content-type"))[1];
  assert.sameValue(await empty.text(), "--" + eb + "--\r\n", "an empty FormData");
});
