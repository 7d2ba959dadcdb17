/*---
description: >
  The multipart/form-data encoding escapes names and filenames (HTML
  §4.10.21.8): '"' as %22, LF as %0A, CR as %0D; line breaks in names and
  string values are first normalized to CRLF (a name's become %0D%0A), a
  filename's are not normalized; file bytes are sent as they are.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var fd = new FormData();
  fd.append("a\"b\nc", "v\nw\rx\r\ny");
  fd.append("f", new Blob(["1\n2"], { type: "a/b" }), "n\"a\r\nme\n");
  var r = new Response(fd);
  var B = /boundary=(.+)$/.exec(r.headers.get("content-type"))[1];
  var expected =
    "--" + B + "\r\nContent-Disposition: form-data; name=\"a%22b%0D%0Ac\"\r\n\r\nv\r\nw\r\nx\r\ny\r\n" +
    "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"n%22a%0D%0Ame%0A\"\r\nContent-Type: a/b\r\n\r\n1\n2\r\n" +
    "--" + B + "--\r\n";
  assert.sameValue(await r.text(), expected);
});
