/*---
description: >
  Body mixin reads (Fetch §6.3): text() UTF-8 decodes (BOM dropped, invalid
  bytes as U+FFFD), json() parses (SyntaxError rejects), arrayBuffer(),
  bytes() (Uint8Array). bodyUsed becomes true; a second read rejects with
  a TypeError; a response without a body can be read any number of times
  and stays unused. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var r = new Response("{\"a\":[1,2]}");
  assert.sameValue(r.bodyUsed, false, "unused");
  var p = r.json();
  assert.sameValue(r.bodyUsed, true, "used as soon as reading starts");
  var data = await p;
  assert.compareArray(data.a, [1, 2], "json");
  await assert.throwsAsync(TypeError, function () { return r.text(); }, "second read");
  await assert.throwsAsync(TypeError, function () { return r.arrayBuffer(); }, "second arrayBuffer");

  await assert.throwsAsync(SyntaxError, function () { return new Response("{x").json(); }, "bad JSON");
  await assert.throwsAsync(SyntaxError, function () { return new Response().json(); }, "no body is not JSON");

  var ab = await new Response("ab").arrayBuffer();
  assert.sameValue(Object.prototype.toString.call(ab), "[object ArrayBuffer]", "arrayBuffer type");
  assert.compareArray(Array.from(new Uint8Array(ab)), [97, 98], "arrayBuffer bytes");

  var bytes = await new Response("ab").bytes();
  assert.sameValue(Object.prototype.toString.call(bytes), "[object Uint8Array]", "bytes type");
  assert.compareArray(Array.from(bytes), [97, 98], "bytes");

  var bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xff]);
  assert.sameValue(await new Response(bom).text(), "h\ufffd", "BOM dropped, invalid byte replaced");

  var none = new Response();
  assert.sameValue(await none.text(), "", "no body text");
  assert.sameValue((await none.arrayBuffer()).byteLength, 0, "no body arrayBuffer");
  assert.sameValue(none.bodyUsed, false, "no body stays unused");
});
