/*---
description: >
  URLPattern named groups (URL Pattern Standard, "create a
  component match result"): exec returns the URLPatternResult with
  `inputs` and, per component, `input` and `groups`; groups are in pattern
  order and an unmatched optional group is undefined. Expected values from
  the standard, checked on deno 2.9.
includes: [compareArray.js]
---*/

var pattern = new URLPattern({ pathname: "/users/:user/posts/:post" });
var result = pattern.exec("https://example.com/users/ada/posts/42?x=1#top");
assert.notSameValue(result, null, "the URL matches");
assert.compareArray(result.inputs, ["https://example.com/users/ada/posts/42?x=1#top"], "inputs");
assert.sameValue(result.pathname.input, "/users/ada/posts/42", "pathname input");
assert.compareArray(Object.keys(result.pathname.groups), ["user", "post"], "groups in pattern order");
assert.sameValue(result.pathname.groups.user, "ada");
assert.sameValue(result.pathname.groups.post, "42");
assert.sameValue(result.protocol.input, "https", "protocol input has no colon");
assert.sameValue(result.hostname.input, "example.com");
assert.sameValue(result.search.input, "x=1", "search input has no ?");
assert.sameValue(result.hash.input, "top", "hash input has no #");
// Components left out of an init are "*", a wildcard whose group is "0".
assert.sameValue(result.hostname.groups["0"], "example.com", "wildcard component group");
assert.sameValue(result.port.groups["0"], "", "empty port matched by the wildcard");

// A named group matches one segment: it stops at "/".
assert.sameValue(pattern.test("https://example.com/users/a/b/posts/1"), false, "a segment group does not span /");
assert.sameValue(pattern.test("https://example.com/users//posts/1"), false, "a named group is not empty");

// Unmatched optional group: present in groups, value undefined.
var optional = new URLPattern({ pathname: "/files/:name/:version?" });
var m = optional.exec({ pathname: "/files/report" });
assert.compareArray(Object.keys(m.pathname.groups), ["name", "version"], "the optional group is listed");
assert.sameValue(m.pathname.groups.name, "report");
assert.sameValue(m.pathname.groups.version, undefined, "unmatched optional group");
assert(Object.prototype.hasOwnProperty.call(m.pathname.groups, "version"), "own property with value undefined");
assert.sameValue(optional.exec({ pathname: "/files/report/v2" }).pathname.groups.version, "v2");

// The result is made of fresh ordinary objects.
assert.sameValue(Object.getPrototypeOf(result), Object.prototype, "result is a plain object");
assert(Array.isArray(result.inputs), "inputs is an array");
assert.notSameValue(pattern.exec("https://example.com/users/ada/posts/42"), pattern.exec("https://example.com/users/ada/posts/42"), "a new result each call");

// No match: null from exec, false from test.
assert.sameValue(pattern.exec("https://example.com/users/ada"), null, "exec without a match");
assert.sameValue(pattern.test("https://example.com/users/ada"), false, "test without a match");
assert.sameValue(pattern.test("https://example.com/users/ada/posts/42"), true);

// Named groups in the hostname are delimited by ".".
var host = new URLPattern({ hostname: ":sub.example.com" });
assert.sameValue(host.exec("https://api.example.com/").hostname.groups.sub, "api");
assert.sameValue(host.test("https://a.b.example.com/"), false, "a hostname group does not span .");

// Group names may be any identifier characters, Unicode included.
var unicode = new URLPattern({ pathname: "/:café" });
assert.sameValue(unicode.exec({ pathname: "/x" }).pathname.groups["café"], "x");
