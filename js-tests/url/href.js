/*---
description: >
  The href setter re-parses the whole URL and throws a TypeError when it is
  invalid, leaving the URL as it was (WHATWG URL "href setter").
includes: [compareArray.js]
---*/

var url = new URL("https://example.com/a?x=1");
var params = url.searchParams;
url.href = "http://other.org/b?y=2&y=3#z";
assert.sameValue(url.host, "other.org", "host updated");
assert.sameValue(url.pathname, "/b", "pathname updated");
assert.sameValue(url.hash, "#z", "hash updated");
assert.sameValue(url.searchParams, params, "same searchParams object");
assert.compareArray(params.getAll("y"), ["2", "3"], "searchParams reflect the new query");
assert.sameValue(params.has("x"), false, "old query gone");

assert.throws(TypeError, function () { url.href = "not a url"; }, "invalid href throws");
assert.sameValue(url.href, "http://other.org/b?y=2&y=3#z", "URL unchanged after a failed set");
assert.throws(TypeError, function () { url.href = "/relative"; }, "href is parsed without a base");

url.href = "https://example.com/";
assert.sameValue(params.size, 0, "no query: empty list");
assert.sameValue(String(url), "https://example.com/", "toString follows href");
