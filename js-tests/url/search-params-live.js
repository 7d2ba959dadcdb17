/*---
description: >
  url.searchParams is one object, linked to the URL both ways (WHATWG URL
  "URLSearchParams update steps" and the search setter; values are node
  v20's output).
includes: [compareArray.js]
---*/

var url = new URL("https://example.com/path?a=1&b=2#frag");
var params = url.searchParams;
assert.sameValue(url.searchParams, params, "same object every time");

params.set("a", "x y");
assert.sameValue(url.search, "?a=x+y&b=2", "set updates search");
assert.sameValue(url.href, "https://example.com/path?a=x+y&b=2#frag", "and href");
params.append("c", "&=");
assert.sameValue(url.search, "?a=x+y&b=2&c=%26%3D", "append serializes");
params.delete("a");
params.delete("b");
params.delete("c");
assert.sameValue(url.href, "https://example.com/path#frag", "empty list: no ? at all");
assert.sameValue(url.search, "", "empty search");
params.append("z", "");
assert.sameValue(url.search, "?z=", "appending brings the query back");
params.sort();
assert.sameValue(url.search, "?z=", "sort updates too");

url.search = "?k=v&k=w";
assert.compareArray(params.getAll("k"), ["v", "w"], "search setter updates the list");
url.search = "";
assert.sameValue(params.size, 0, "empty search empties the list");
url.search = "q=a+b%20c";
assert.sameValue(params.get("q"), "a b c", "+ and %20 decode to spaces");
assert.sameValue(url.search, "?q=a+b%20c", "search keeps its spelling until the list changes");

// The query of an opaque-path URL: trailing spaces of the path are stripped
// when the query goes away.
var opaque = new URL("data:space    ?a=1");
opaque.searchParams.delete("a");
assert.sameValue(opaque.href, "data:space", "trailing spaces stripped");

var detached = new URLSearchParams("a=1");
detached.append("b", "2");
assert.sameValue(detached.toString(), "a=1&b=2", "a URLSearchParams without a URL");
