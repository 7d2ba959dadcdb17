/*---
description: >
  The web-compatibility built-ins of ECMA-262 Annex B that node, deno, bun
  and workerd all provide, and that bundled libraries still call:
  String.prototype.substr, escape/unescape, trimLeft/trimRight (aliases of
  trimStart/trimEnd), Date.prototype.getYear, RegExp.prototype.compile and
  __proto__ in object literals (expected values from node v20).
---*/

assert.sameValue("abcdef".substr(2, 3), "cde", "substr(start, length)");
assert.sameValue("abcdef".substr(-2), "ef", "substr(negative start)");
assert.sameValue(escape("a b+c/ä€"), "a%20b+c/%E4%u20AC", "escape");
assert.sameValue(unescape("a%20b%u20AC"), "a b\u20ac", "unescape");
assert.sameValue(String.prototype.trimLeft, String.prototype.trimStart, "trimLeft is trimStart");
assert.sameValue(String.prototype.trimRight, String.prototype.trimEnd, "trimRight is trimEnd");
assert.sameValue("  x  ".trimLeft(), "x  ", "trimLeft");
assert.sameValue(new Date(2024, 0, 1).getYear(), 124, "getYear");
var re = /a/g;
assert.sameValue(re.compile("b", "i"), re, "compile returns the same RegExp");
assert.sameValue(re.source, "b", "compile replaced the pattern");
assert.sameValue(re.flags, "i", "compile replaced the flags");
var bare = { __proto__: null, x: 1 };
assert.sameValue(Object.getPrototypeOf(bare), null, "__proto__: null in a literal");
assert.sameValue("anchor".anchor("n"), '<a name="n">anchor</a>', "String.prototype.anchor");
