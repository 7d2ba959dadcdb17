/*---
description: >
  URLPattern errors (URL Pattern Standard "initialize", "match",
  tokenizer and parser): every invalid pattern is a TypeError, as is a
  relative constructor string without baseURL, an invalid baseURL, and an
  init given together with a baseURL argument. Expected values from the
  standard, checked on deno 2.9.
---*/

// A string pattern without a protocol needs a baseURL.
assert.throws(TypeError, function () { new URLPattern("/books/:id"); }, "relative pattern without baseURL");
assert.throws(TypeError, function () { new URLPattern("/a", "not a url"); }, "invalid baseURL");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/a", baseURL: "nope" }); }, "invalid baseURL member");

// An init and a baseURL argument together.
assert.throws(TypeError, function () { new URLPattern({ pathname: "/a" }, "https://example.com"); }, "constructor");
var p = new URLPattern({ pathname: "/a" });
assert.throws(TypeError, function () { p.test({ pathname: "/a" }, "https://example.com"); }, "test");
assert.throws(TypeError, function () { p.exec({}, "https://example.com"); }, "exec");

// Tokenizer and parser errors.
assert.throws(TypeError, function () { new URLPattern({ pathname: "/(a" }); }, "unclosed regexp group");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/(a(b))" }); }, "capturing group inside a regexp group");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/(?=a)" }); }, "regexp group starting with ?");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/:" }); }, "empty group name");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/:a/:a" }); }, "duplicate group name");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/{a" }); }, "unclosed {");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/{a{b}}" }); }, "nested {}");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/a\\" }); }, "trailing backslash");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/([)" }); }, "invalid regexp");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/(é)" }); }, "non-ASCII regexp");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/()" }); }, "empty regexp group");

// Invalid fixed components.
assert.throws(TypeError, function () { new URLPattern({ port: "99999" }); }, "port out of range");
assert.throws(TypeError, function () { new URLPattern({ port: "abc" }); }, "port not a number");
assert.throws(TypeError, function () { new URLPattern({ protocol: "ht tp" }); }, "invalid protocol");
assert.throws(TypeError, function () { new URLPattern({ hostname: "a b" }); }, "invalid hostname");

// Errors of argument conversion propagate.
var sentinel = new Error("from toString");
assert.throws(Error, function () {
  new URLPattern({ pathname: { toString: function () { throw sentinel; } } });
}, "a throwing member");
assert.throws(TypeError, function () { new URLPattern(Symbol()); }, "a Symbol input");
assert.throws(TypeError, function () { new URLPattern({ hash: Symbol() }); }, "a Symbol member");
assert.throws(TypeError, function () { new URLPattern("/a", {}, 1); }, "options must be a dictionary");

// Inputs that are not URLs do not throw: no match.
assert.sameValue(p.test("not a url"), false);
assert.sameValue(p.exec("not a url"), null);
assert.sameValue(p.test({ port: "99999" }), false, "an init input that does not canonicalize");
