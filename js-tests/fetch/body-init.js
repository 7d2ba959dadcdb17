/*---
description: >
  Body extraction (Fetch §6.4 "extract"): a string is UTF-8 with
  Content-Type text/plain;charset=UTF-8, an ArrayBuffer or any
  ArrayBufferView is copied (its byteOffset and byteLength respected) with
  no Content-Type, null means no body, any other value is converted to a
  string. A given Content-Type is kept. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var r = new Response("h\u00e9llo");
  assert.sameValue(r.headers.get("content-type"), "text/plain;charset=UTF-8", "string content type");
  assert.compareArray(Array.from(await r.bytes()), [0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f], "UTF-8 bytes");

  var lone = new Response("a\ud800");
  assert.compareArray(Array.from(await lone.bytes()), [0x61, 0xef, 0xbf, 0xbd], "lone surrogate becomes U+FFFD");

  var source = new Uint8Array([1, 2, 3, 4]);
  var fromView = new Response(source.subarray(1, 3));
  assert.sameValue(fromView.headers.get("content-type"), null, "no content type for bytes");
  source[1] = 99;
  assert.compareArray(Array.from(await fromView.bytes()), [2, 3], "view copied at construction");

  var buffer = new Uint16Array([0x6968]).buffer;
  assert.sameValue(await new Response(buffer).text(), "hi", "ArrayBuffer");
  assert.sameValue(await new Response(new DataView(buffer, 1)).text(), "i", "DataView with offset");

  assert.sameValue(await new Response(5).text(), "5", "number converted to string");
  assert.sameValue(await new Response({}).text(), "[object Object]", "object converted to string");
  assert.sameValue(new Response(null).body, null, "null body");
  assert.sameValue(new Response(undefined).body, null, "undefined body");
  assert.sameValue(await new Response(null).text(), "", "no body reads as empty");

  var typed = new Response("x", { headers: { "Content-Type": "text/html" } });
  assert.sameValue(typed.headers.get("content-type"), "text/html", "given content type kept");

  var empty = new Response("");
  assert(empty.body instanceof ReadableStream, "an empty body is still a stream");
  assert.sameValue(await empty.text(), "", "empty string body");
});
