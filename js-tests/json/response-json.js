/*---
description: >
  Response.json(data) sends JSON.stringify's text as UTF-8 (non-Latin-1
  text and escaped lone surrogates included); body json() parses UTF-8
  bytes with or without a BOM, and non-ASCII text. Expected values from
  node v20.
flags: [async]
includes: [asyncHelpers.js, compareArray.js]
---*/
asyncTest(async function () {
  var response = Response.json({ city: "Zürich", sign: "€", emoji: "\ud83d\ude00", lone: "\ud800", n: [1, 2.5] });
  assert.sameValue(response.headers.get("content-type"), "application/json");
  var bytes = new Uint8Array(await response.clone().arrayBuffer());
  var text = new TextDecoder().decode(bytes);
  assert.sameValue(text, '{"city":"Zürich","sign":"€","emoji":"\ud83d\ude00","lone":"\\ud800","n":[1,2.5]}');
  assert.sameValue(bytes.length, 74, "UTF-8: ü is 2 bytes, € 3, the emoji 4");
  var back = await response.json();
  assert.sameValue(back.city, "Zürich");
  assert.sameValue(back.emoji, "\ud83d\ude00");
  assert.sameValue(back.lone, "\ud800");

  assert.throws(TypeError, function () { Response.json(undefined); });
  assert.throws(TypeError, function () { Response.json(function () {}); });
  var cyclic = {};
  cyclic.self = cyclic;
  assert.throws(TypeError, function () { Response.json(cyclic); });
  assert.sameValue(await Response.json("x").text(), '"x"');
  assert.sameValue(await Response.json({ toJSON: function () { return [1]; } }).text(), "[1]");

  var bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x5b, 0x31, 0x5d]);
  assert.compareArray(await new Response(bom).json(), [1], "a UTF-8 BOM is dropped");
  var latin = new TextEncoder().encode('{"k":"ü€"}');
  assert.sameValue((await new Response(latin).json()).k, "ü€");
  var bad = new Uint8Array([0x22, 0xff, 0x22]);
  assert.sameValue(await new Response(bad).json(), "\ufffd", "a bad sequence decodes as U+FFFD");
  var error = null;
  try { await new Response("{oops").json(); } catch (e) { error = e; }
  assert(error instanceof SyntaxError, "bad JSON rejects with a SyntaxError");
});
