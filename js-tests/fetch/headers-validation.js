/*---
description: >
  Header names must be HTTP tokens and values must not contain NUL, CR or
  LF (Fetch §2.2); values are normalized by stripping leading and trailing
  HTTP whitespace; names and values are ByteStrings (a code unit above 0xFF
  is a TypeError). Expected values from node v20.
---*/

var h = new Headers();
h.append("X-Pad", " \t value \t\n");
assert.sameValue(h.get("x-pad"), "value", "leading and trailing whitespace stripped");
h.set("X-Inner", "a  b");
assert.sameValue(h.get("x-inner"), "a  b", "inner whitespace kept");
h.append("x-latin1", "caf\u00e9");
assert.sameValue(h.get("x-latin1"), "caf\u00e9", "a byte above 0x7F is allowed");
h.append("x-empty", "");
assert.sameValue(h.get("x-empty"), "", "empty value");

["", "a b", "a:b", "a\u00e9", "(x)", "a\nb"].forEach(function (name) {
  assert.throws(TypeError, function () { h.append(name, "v"); }, "append name " + JSON.stringify(name));
  assert.throws(TypeError, function () { h.set(name, "v"); }, "set name " + JSON.stringify(name));
  assert.throws(TypeError, function () { h.get(name); }, "get name " + JSON.stringify(name));
  assert.throws(TypeError, function () { h.has(name); }, "has name " + JSON.stringify(name));
  assert.throws(TypeError, function () { h.delete(name); }, "delete name " + JSON.stringify(name));
});
["a\0b", "a\rb", "a\nb", "\u20ac"].forEach(function (value) {
  assert.throws(TypeError, function () { h.append("x", value); }, "append value " + JSON.stringify(value));
  assert.throws(TypeError, function () { h.set("x", value); }, "set value " + JSON.stringify(value));
  assert.throws(TypeError, function () { new Headers([["x", value]]); }, "init value " + JSON.stringify(value));
});
assert.sameValue(h.has("x"), false, "nothing was added by the failed calls");
assert.throws(TypeError, function () { h.append("x"); }, "append needs 2 arguments");
assert.throws(TypeError, function () { h.get(); }, "get needs 1 argument");
assert.throws(TypeError, function () { h.append(Symbol("x"), "v"); }, "Symbol name");

var ok = new Headers({ "!#$%&'*+-.^_`|~09azAZ": "1" });
assert.sameValue(ok.get("!#$%&'*+-.^_`|~09azaz"), "1", "every token character");
h.append(1, 2);
assert.sameValue(h.get("1"), "2", "non-strings are converted with ToString");
