/*---
description: >
  URLPattern modifiers and groups (URL Pattern Standard, patterns): "?" optional,
  "+" one or more, "*" zero or more, applied with the "/" prefix of a
  segment; "{...}" groups without capture. Expected values from the
  standard, checked on deno 2.9.
---*/

var optional = new URLPattern({ pathname: "/product/:id?" });
assert.sameValue(optional.test({ pathname: "/product" }), true, "? also drops the / prefix");
assert.sameValue(optional.test({ pathname: "/product/7" }), true);
assert.sameValue(optional.test({ pathname: "/product/" }), false, "the prefix is dropped with the group");

var plus = new URLPattern({ pathname: "/tags/:tag+" });
assert.sameValue(plus.test({ pathname: "/tags" }), false, "+ needs one");
assert.sameValue(plus.exec({ pathname: "/tags/a/b/c" }).pathname.groups.tag, "a/b/c", "+ repeats with the / prefix");

var star = new URLPattern({ pathname: "/tags/:tag*" });
assert.sameValue(star.exec({ pathname: "/tags" }).pathname.groups.tag, undefined, "* with no repetition");
assert.sameValue(star.exec({ pathname: "/tags/a/b" }).pathname.groups.tag, "a/b");

// {...} groups a literal part; "?" makes it optional.
var braces = new URLPattern({ pathname: "/blog{/:year}?" });
assert.sameValue(braces.test({ pathname: "/blog" }), true);
assert.sameValue(braces.exec({ pathname: "/blog/2024" }).pathname.groups.year, "2024");
assert.sameValue(braces.test({ pathname: "/blog/" }), false);

var literal = new URLPattern({ pathname: "/book{s}?" });
assert.sameValue(literal.test({ pathname: "/book" }), true);
assert.sameValue(literal.test({ pathname: "/books" }), true);
assert.sameValue(literal.test({ pathname: "/bookss" }), false);
assert.sameValue(Object.keys(literal.exec({ pathname: "/books" }).pathname.groups).length, 0, "{} does not capture");

// In a constructor string: http{s}? and an optional www subdomain.
var scheme = new URLPattern("http{s}?://{www.}?example.com/*");
assert.sameValue(scheme.test("http://example.com/"), true);
assert.sameValue(scheme.test("https://www.example.com/a"), true);
assert.sameValue(scheme.test("ftp://example.com/"), false);

// A regexp group with a modifier.
var digits = new URLPattern({ pathname: "/n/:n(\\d+)?" });
assert.sameValue(digits.test({ pathname: "/n" }), true);
assert.sameValue(digits.test({ pathname: "/n/12" }), true);
assert.sameValue(digits.test({ pathname: "/n/x" }), false);
