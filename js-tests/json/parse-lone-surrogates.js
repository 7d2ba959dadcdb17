/*---
description: >
  JSON.parse keeps a lone surrogate escape as one code unit (ECMA-404 and
  JavaScript strings are code unit sequences), as node v20 does; Response
  and Request bodies with such text parse too. Boa 0.22's own JSON.parse
  threw a SyntaxError for them.
flags: [async]
includes: [asyncHelpers.js]
---*/
var lone = JSON.parse('["\\uD800", "\\uDFFF", "a\\uD83D", "\\uD83D\\uDE00"]');
assert.sameValue(lone[0].length, 1);
assert.sameValue(lone[0].charCodeAt(0), 0xD800);
assert.sameValue(lone[1].charCodeAt(0), 0xDFFF);
assert.sameValue(lone[2], "a\uD83D");
assert.sameValue(lone[3], "\uD83D\uDE00", "a pair is one code point");
assert.sameValue(lone[3].codePointAt(0), 0x1F600);
assert.sameValue(JSON.parse('{"\\uDC00": 1}')["\uDC00"], 1, "in a key");
// The source text itself holds a lone surrogate (a UTF-16 string).
assert.sameValue(JSON.parse('"\uD800x"'), "\uD800x");

asyncTest(async function () {
  var value = await new Response('{"k": "\\uD800"}').json();
  assert.sameValue(value.k, "\uD800");
  var request = new Request("http://example.test/", { method: "POST", body: '["\\uDBFF"]' });
  assert.sameValue((await request.json())[0], "\uDBFF");
});
