/*---
description: >
  new Response(formData).formData() gives the same entries in order:
  strings (with line breaks as CRLF), files with their names, types and
  exact bytes, including binary and non-UTF-8 data, CRLFs and a
  boundary-like line inside a file; names and filenames with '"' and line
  breaks come back unescaped; non-ASCII names too. A File with an empty
  name is sent with filename="" (HTML §4.10.21.8) and comes back a File;
  node v20 leaves the filename parameter out and gets a string back, this
  test follows HTML.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var binary = new Uint8Array(256);
  for (var i = 0; i < 256; i++) binary[i] = i;
  var tricky = new Uint8Array([13, 10, 45, 45, 13, 10, 0xC3, 0x28, 13, 10]);
  var fd = new FormData();
  fd.append("plain", "hello");
  fd.append("lines", "a\nb\r\nc");
  fd.append("bin", new File([binary], "all-bytes.bin", { type: "application/octet-stream" }));
  fd.append("tricky", new Blob([tricky], { type: "Application/X-Tricky" }), "t.dat");
  fd.append("q\"uote\nd", new Blob(["x"]), "f\"n\r\n.txt");
  fd.append("é ü", "ünïcödé");
  fd.append("empty", new Blob([]), "");
  fd.append("plain", "second");
  var back = await new Response(fd).formData();
  assert(back instanceof FormData);
  assert.compareArray(Array.from(back.keys()), ["plain", "lines", "bin", "tricky", "q\"uote\r\nd", "é ü", "empty", "plain"]);
  assert.compareArray(back.getAll("plain"), ["hello", "second"]);
  assert.sameValue(back.get("lines"), "a\r\nb\r\nc");
  var bin = back.get("bin");
  assert(bin instanceof File);
  assert.sameValue(bin.name, "all-bytes.bin");
  assert.sameValue(bin.type, "application/octet-stream");
  assert.compareArray(Array.from(await bin.bytes()), Array.from(binary));
  var t = back.get("tricky");
  assert.sameValue(t.name, "t.dat");
  assert.sameValue(t.type, "application/x-tricky");
  assert.compareArray(Array.from(await t.bytes()), Array.from(tricky));
  var q = back.get("q\"uote\r\nd");
  assert.sameValue(q.name, "f\"n\r\n.txt");
  assert.sameValue(q.type, "application/octet-stream", "an empty type is sent as application/octet-stream");
  assert.sameValue(back.get("é ü"), "ünïcödé");
  var e = back.get("empty");
  assert(e instanceof File, "an empty filename is still a file");
  assert.sameValue(e.name, "");
  assert.sameValue(e.size, 0);
});
