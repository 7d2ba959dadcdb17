/*---
description: >
  URLPattern from a URLPatternInit dictionary and the component getters
  (URL Pattern Standard): members left out are "*" (without a
  baseURL), values are canonicalized (protocol and hostname lowercased,
  pathname percent-encoded), and test/exec accept an init too. Expected
  values from the standard, checked on deno 2.9.
---*/

var p = new URLPattern({
  protocol: "HTTPS",
  username: "user",
  password: "pw",
  hostname: "EXAMPLE.com",
  port: "8080",
  pathname: "/a b",
  search: "q=1",
  hash: "frag",
});
assert.sameValue(p.protocol, "https", "protocol lowercased");
assert.sameValue(p.username, "user");
assert.sameValue(p.password, "pw");
assert.sameValue(p.hostname, "example.com", "hostname lowercased");
assert.sameValue(p.port, "8080");
assert.sameValue(p.pathname, "/a%20b", "pathname percent-encoded");
assert.sameValue(p.search, "q=1");
assert.sameValue(p.hash, "frag");
assert.sameValue(p.test("https://user:pw@example.com:8080/a%20b?q=1#frag"), true);
assert.sameValue(p.test("https://user:pw@example.com:8080/a b?q=1#frag"), true, "the input URL is parsed, encoding the space");

// Leading ":", "?" and "#" are stripped from init members.
var stripped = new URLPattern({ protocol: "https:", search: "?x", hash: "#y" });
assert.sameValue(stripped.protocol, "https");
assert.sameValue(stripped.search, "x");
assert.sameValue(stripped.hash, "y");

// Members left out are wildcards.
var only = new URLPattern({ hostname: "example.com" });
assert.sameValue(only.protocol, "*");
assert.sameValue(only.pathname, "*");
assert.sameValue(only.test("ftp://example.com/anything"), true);

// An empty init ({}, undefined or null) matches everything.
assert.sameValue(new URLPattern({}).pathname, "*");
assert.sameValue(new URLPattern(undefined).test("https://x.y/z"), true);
assert.sameValue(new URLPattern(null).hostname, "*");

// Matching an init: its members are canonicalized as a URL's would be,
// members left out are the empty string.
var path = new URLPattern({ pathname: "/x/:y" });
assert.sameValue(path.test({ pathname: "/x/1" }), true);
assert.sameValue(path.exec({ pathname: "/x/1" }).protocol.input, "", "missing members are empty");
assert.sameValue(new URLPattern({ hostname: "a.com" }).test({ hostname: "A.COM" }), true, "input hostname lowercased");
assert.sameValue(new URLPattern({ protocol: "http", port: "" }).test({ protocol: "http", port: "80" }), true, "default port of the input dropped");

// Members are converted with ToString (USVString).
var converted = new URLPattern({ pathname: "/" + 42, port: 8080 });
assert.sameValue(converted.port, "8080");
var tostr = new URLPattern({ pathname: { toString: function () { return "/obj"; } } });
assert.sameValue(tostr.pathname, "/obj");

// A constructor string splits into components the same way.
// ("?" right after a group would be its modifier, so a literal ends the path.)
var s = new URLPattern("https://user@example.com:8080/p/x?q=:q#h");
assert.sameValue(s.protocol, "https");
assert.sameValue(s.username, "user");
assert.sameValue(s.hostname, "example.com");
assert.sameValue(s.port, "8080");
assert.sameValue(s.pathname, "/p/x");
assert.sameValue(s.search, "q=:q");
assert.sameValue(s.hash, "h");
