/*---
description: >
  The URL constructor and its statics (WHATWG URL "URL class", WebIDL
  argument conversion; values are node v20's output).
---*/

assert.sameValue(URL.length, 1, "URL.length");
assert.sameValue(URL.name, "URL", "URL.name");
assert.throws(TypeError, function () { new URL(); }, "missing argument");
assert.throws(TypeError, function () { URL("https://example.com/"); }, "called without new");

// Arguments go through ToString.
var stringifier = { toString: function () { return "https://example.com/from-object"; } };
assert.sameValue(new URL(stringifier).href, "https://example.com/from-object", "object argument");
assert.sameValue(new URL("x", { toString: function () { return "https://b.org/dir/"; } }).href,
  "https://b.org/dir/x", "object base");
assert.sameValue(new URL("https://example.com/", undefined).href, "https://example.com/", "undefined base is no base");
assert.throws(TypeError, function () { new URL(Symbol("s")); }, "Symbol cannot become a string");
// USVString: a lone surrogate becomes U+FFFD, then is percent-encoded.
assert.sameValue(new URL("https://example.com/\uD800").pathname, "/%EF%BF%BD", "lone surrogate");

var error;
try {
  new URL("not a url");
} catch (e) {
  error = e;
}
assert.sameValue(error instanceof TypeError, true, "a TypeError");
assert.sameValue(error.message.indexOf("Invalid URL") !== -1, true, "message says Invalid URL");
assert.sameValue(error.input, "not a url", "the error carries the input");

assert.sameValue(URL.canParse.length, 1, "canParse.length");
assert.sameValue(URL.canParse("https://example.com/"), true, "canParse valid");
assert.sameValue(URL.canParse("nope"), false, "canParse invalid");
assert.sameValue(URL.canParse("/x", "https://example.com/"), true, "canParse with base");
assert.sameValue(URL.canParse("/x", "nope"), false, "canParse with invalid base");
assert.throws(TypeError, function () { URL.canParse(); }, "canParse without argument");

assert.sameValue(URL.parse.length, 1, "parse.length");
var parsed = URL.parse("/a?b#c", "https://example.com/x/y");
assert.sameValue(parsed instanceof URL, true, "parse returns a URL");
assert.sameValue(parsed.href, "https://example.com/a?b#c", "parse result");
assert.sameValue(parsed.searchParams.has("b"), true, "parsed URL has searchParams");
assert.sameValue(URL.parse("nope"), null, "parse failure is null");
assert.sameValue(URL.parse("x", "nope"), null, "parse with invalid base is null");

assert.sameValue(Object.prototype.toString.call(new URL("https://a.b/")), "[object URL]", "toStringTag");
assert.sameValue(JSON.stringify({ u: new URL("https://a.b/?x") }), '{"u":"https://a.b/?x"}', "JSON.stringify uses toJSON");
