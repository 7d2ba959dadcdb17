/*---
description: >
  URL parsing normalizes scheme and host case, default ports and dot
  segments (WHATWG URL; values are node v20's output).
---*/

var href = function (input, base) {
  return new URL(input, base).href;
};
assert.sameValue(href("https://example.com/a/../b?x=1#f"), "https://example.com/b?x=1#f", "dot segments");
assert.sameValue(href("HTTPS://EXAMPLE.com:443/"), "https://example.com/", "case and default port");
assert.sameValue(href("http://example.com:8080"), "http://example.com:8080/", "non-default port and empty path");
assert.sameValue(href("../c", "https://example.com/a/b/"), "https://example.com/a/c", "relative to a base");
assert.sameValue(href("?q", "https://example.com/path#frag"), "https://example.com/path?q", "query-only reference");
assert.sameValue(href("//other.org/x", "https://example.com/"), "https://other.org/x", "scheme-relative");
assert.sameValue(href("https://example.com/ä"), "https://example.com/%C3%A4", "path percent-encoding");
assert.sameValue(href("https://EXAMPLE.com/a b"), "https://example.com/a%20b", "space in path");
assert.sameValue(href("file:///tmp/x.js"), "file:///tmp/x.js", "file URL");
