/*---
description: >
  atob of input that is not forgiving-base64, and btoa of a string with a
  code unit above U+00FF, throw a DOMException named InvalidCharacterError
  (HTML "atob()" and "btoa()"; node v20 does the same).
---*/

function assertInvalidCharacter(fn, label) {
  try {
    fn();
  } catch (error) {
    assert.sameValue(typeof DOMException, "function", label + ": DOMException exists");
    assert(error instanceof DOMException, label + ": a DOMException was thrown, got " + assert._format(error));
    assert.sameValue(error.name, "InvalidCharacterError", label + ": name");
    assert.sameValue(error.code, 5, label + ": legacy code INVALID_CHARACTER_ERR");
    return;
  }
  throw new Test262Error(label + ": nothing was thrown");
}

assertInvalidCharacter(function () { atob("abc=d"); }, "data after padding");
assertInvalidCharacter(function () { atob("a"); }, "length 1 mod 4");
assertInvalidCharacter(function () { atob("ab!c"); }, "character outside the alphabet");
assertInvalidCharacter(function () { btoa("\u20ac"); }, "btoa of a code unit above U+00FF");
