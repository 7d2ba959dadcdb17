/*---
description: >
  url.searchParams reads the query (WHATWG URL, URLSearchParams; values are
  node v20's output).
---*/

var url = new URL("https://example.com/?a=1&b=two&a=3");
assert.sameValue(url.searchParams.get("a"), "1", "first value");
assert.sameValue(url.searchParams.getAll("a").join(","), "1,3", "all values");
assert.sameValue(url.searchParams.get("missing"), null, "absent name");
url.searchParams.append("c", "x y");
assert.sameValue(url.search, "?a=1&b=two&a=3&c=x+y", "append updates the query");
