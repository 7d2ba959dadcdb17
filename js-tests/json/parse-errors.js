/*---
description: >
  Text that is not JSON is a SyntaxError. The two messages checked word
  for word are node v20's for the same input; for the others node v20
  quotes the text instead of giving a position, so only the error type is
  checked.
---*/
function message(text) {
  try {
    JSON.parse(text);
  } catch (e) {
    assert.sameValue(e.constructor, SyntaxError, JSON.stringify(text));
    return e.message;
  }
  throw new Test262Error("no error for " + JSON.stringify(text));
}
assert.sameValue(message(""), "Unexpected end of JSON input");
assert.sameValue(message("[1,"), "Unexpected end of JSON input");
assert.sameValue(message('{"a":1} x'), "Unexpected non-whitespace character after JSON at position 8");
message("[1,}");
message("{'a':1}");
message('"a\nb"');
message('"a\\xb"');
// Not JSON, though JavaScript: trailing commas, hex, leading zeros, NaN,
// a leading +, single quotes, comments, undefined.
["[1,]", '{"a":1,}', "0x10", "01", "NaN", "+1", "'a'", "[1]//", "undefined", ".5", "1.", "1e", "-"].forEach(
  function (text) {
    assert.throws(SyntaxError, function () { JSON.parse(text); }, text);
  }
);
