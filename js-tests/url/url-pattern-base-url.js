/*---
description: >
  URLPattern base URLs (URL Pattern Standard "initialize",
  "match"): a relative constructor string takes the components it lacks
  from baseURL; test/exec resolve a relative input against their baseURL
  argument, and an init's baseURL fills the components it leaves out.
  Expected values from the standard, checked on deno 2.9.
includes: [compareArray.js]
---*/

var p = new URLPattern("/api/:version/*", "https://example.com/ignored/path?q#h");
assert.sameValue(p.protocol, "https", "protocol from the base");
assert.sameValue(p.hostname, "example.com", "hostname from the base");
assert.sameValue(p.port, "", "port from the base");
assert.sameValue(p.pathname, "/api/:version/*", "pathname from the pattern");
assert.sameValue(p.search, "*", "search is a wildcard after a pathname");
assert.sameValue(p.hash, "*", "hash is a wildcard after a pathname");
assert.sameValue(p.username, "*");
assert.sameValue(p.test("https://example.com/api/v1/x"), true);
assert.sameValue(p.test("https://other.com/api/v1/x"), false, "hostname is fixed by the base");

// A relative pathname is resolved against the base's path.
var rel = new URLPattern("child/:x", "https://example.com/parent/page");
assert.sameValue(rel.pathname, "/parent/child/:x");

// test and exec with a baseURL argument.
var books = new URLPattern("https://example.com/books/:id");
assert.sameValue(books.test("/books/1", "https://example.com"), true);
assert.sameValue(books.test("/books/1", "https://example.org"), false);
var r = books.exec("../books/2", "https://example.com/shelf/x");
assert.compareArray(r.inputs, ["../books/2", "https://example.com/shelf/x"], "inputs: input and baseURL");
assert.sameValue(r.pathname.groups.id, "2");

// A relative input without a base, or an invalid base: no match, not an error.
assert.sameValue(books.test("/books/1"), false);
assert.sameValue(books.exec("/books/1"), null);
assert.sameValue(books.test("/books/1", "not a url"), false);
assert.sameValue(books.exec("/books/1", "not a url"), null);

// An init's baseURL: missing components come from it in the pattern...
var init = new URLPattern({ pathname: "/docs/*", baseURL: "https://example.com:8443/x" });
assert.sameValue(init.protocol, "https");
assert.sameValue(init.hostname, "example.com");
assert.sameValue(init.port, "8443");
assert.sameValue(init.search, "*", "components after pathname are wildcards");
// ...and in the input.
var m = init.exec({ pathname: "/docs/a", baseURL: "https://example.com:8443/" });
assert.notSameValue(m, null);
assert.sameValue(m.port.input, "8443");
assert.sameValue(m.inputs.length, 1, "an init is one input");
assert.sameValue(m.inputs[0].pathname, "/docs/a", "inputs holds the init's members");
assert.sameValue(m.inputs[0].baseURL, "https://example.com:8443/");
assert.sameValue(init.test({ pathname: "/docs/a" }), false, "no base: protocol is empty");

// A default port in a pattern is dropped: it matches a URL without one.
var port = new URLPattern("https://example.com:443/");
assert.sameValue(port.port, "");
assert.sameValue(port.test("https://example.com/"), true);
