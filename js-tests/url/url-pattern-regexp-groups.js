/*---
description: >
  URLPattern regexp groups (URL Pattern Standard, patterns): ":name(regexp)" and
  "(regexp)" use ECMAScript regular expressions; hasRegExpGroups is true
  only when a component has one. A lookahead inside a group is valid
  ECMAScript, so the pattern is valid (as in Chrome); deno 2.9 rejects it
  ("regexp error") because it runs the groups on Rust's regex crate, and
  this test follows the standard there. The standard compiles with the
  "v" flag ("generate a regular expression and name list"), so a
  class set subtraction is valid and "[(]" is not; deno 2.9 compiles with
  "u" and rejects the subtraction. Other values checked on deno 2.9.
includes: [compareArray.js]
---*/

var id = new URLPattern({ pathname: "/books/:id(\\d+)" });
assert.sameValue(id.pathname, "/books/:id(\\d+)", "the pattern string keeps the regexp");
assert.sameValue(id.hasRegExpGroups, true);
assert.sameValue(id.exec({ pathname: "/books/123" }).pathname.groups.id, "123");
assert.sameValue(id.test({ pathname: "/books/12a" }), false, "the regexp is anchored");

// An unnamed regexp group is numbered.
var ext = new URLPattern({ pathname: "/file.(png|jpg)" });
assert.sameValue(ext.exec({ pathname: "/file.jpg" }).pathname.groups["0"], "jpg");
assert.sameValue(ext.test({ pathname: "/file.gif" }), false);

// A regexp group may span "/" (it is not a segment wildcard).
var deep = new URLPattern({ pathname: "/:path(.*)" });
assert.sameValue(deep.exec({ pathname: "/a/b/c" }).pathname.groups.path, "a/b/c");

// No regexp groups: false, even with named groups and wildcards.
assert.sameValue(new URLPattern({ pathname: "/:a/*" }).hasRegExpGroups, false);
assert.sameValue(new URLPattern().hasRegExpGroups, false);
assert.sameValue(new URLPattern({ hostname: "(www|api).example.com" }).hasRegExpGroups, true, "any component counts");

// ECMAScript syntax inside a group: a lookahead and a non-capturing group.
var look = new URLPattern({ pathname: "/(a(?=b)b)" });
assert.sameValue(look.test({ pathname: "/ab" }), true, "lookahead satisfied");
assert.sameValue(look.test({ pathname: "/ac" }), false, "lookahead fails");
var nc = new URLPattern({ pathname: "/:v((?:x|y)+)" });
assert.sameValue(nc.exec({ pathname: "/xyx" }).pathname.groups.v, "xyx");

// Regexp groups in other components.
var port = new URLPattern({ port: "(80|8080)" });
assert.sameValue(port.test("http://a.com:8080/"), true);
assert.sameValue(port.test("http://a.com:81/"), false);
var search = new URLPattern({ search: "q=:term(\\w+)" });
assert.sameValue(search.exec("https://a.com/?q=boa").search.groups.term, "boa");

// The "v" flag: class set operations are valid, an unescaped "(" in a
// class is not.
var setOps = new URLPattern({ pathname: "/([\\p{L}--[a-z]]+)" });
assert.sameValue(setOps.test({ pathname: "/AB" }), true, "letters that are not a-z");
assert.sameValue(setOps.test({ pathname: "/ab" }), false, "a-z subtracted");
assert.throws(TypeError, function () { new URLPattern({ pathname: "/([(])" }); }, "( in a class under v");
