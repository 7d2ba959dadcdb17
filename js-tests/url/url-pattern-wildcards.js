/*---
description: >
  URLPattern wildcards and unnamed groups (URL Pattern Standard pattern
  syntax): "*" matches anything, including "/", and unnamed groups are
  numbered from "0" in pattern order. Expected values from the standard,
  checked on deno 2.9.
includes: [compareArray.js]
---*/

var star = new URLPattern({ pathname: "/static/*" });
var m = star.exec({ pathname: "/static/css/site.css" });
assert.sameValue(m.pathname.groups["0"], "css/site.css", "* spans segments");
assert.sameValue(star.test({ pathname: "/static/" }), true, "* matches the empty string");
assert.sameValue(star.test({ pathname: "/static" }), false, "the / before * is not optional");

// Several unnamed groups: numbered in order.
var two = new URLPattern({ pathname: "/*/and/*" });
var r = two.exec({ pathname: "/a/b/and/c" });
assert.compareArray(Object.keys(r.pathname.groups), ["0", "1"]);
assert.sameValue(r.pathname.groups["0"], "a/b");
assert.sameValue(r.pathname.groups["1"], "c");

// A named group and an unnamed one: only the unnamed ones are counted.
// (groups is an ordinary object: its integer-like key "0" is listed first.)
var mixed = new URLPattern({ pathname: "/:kind/*" });
var g = mixed.exec({ pathname: "/img/a/b.png" }).pathname.groups;
assert.compareArray(Object.keys(g), ["0", "kind"]);
assert.sameValue(g.kind, "img");
assert.sameValue(g["0"], "a/b.png");

// Wildcard subdomains in a constructor string.
var sub = new URLPattern("https://*.example.com/*");
assert.sameValue(sub.hostname, "*.example.com");
assert.sameValue(sub.exec("https://a.b.example.com/x").hostname.groups["0"], "a.b");
assert.sameValue(sub.test("https://example.com/x"), false, "*. needs a subdomain");
assert.sameValue(sub.test("http://a.example.com/x"), false, "protocol is fixed");

// The default pattern matches everything.
var all = new URLPattern();
assert.sameValue(all.protocol, "*");
assert.sameValue(all.pathname, "*");
assert.sameValue(all.test("ftp://user:pw@host:21/p?q#h"), true);
assert.sameValue(all.exec("https://a.example/").protocol.groups["0"], "https");

// Escaped "*" is a literal.
var literal = new URLPattern({ pathname: "/a\\*b" });
assert.sameValue(literal.pathname, "/a\\*b");
assert.sameValue(literal.test({ pathname: "/a*b" }), true);
assert.sameValue(literal.test({ pathname: "/axyzb" }), false);
