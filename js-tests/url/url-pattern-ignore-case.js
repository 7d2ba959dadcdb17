/*---
description: >
  URLPattern's ignoreCase option (URL Pattern Standard: the pathname,
  search and hash components are compiled with the "i" flag). Expected
  values from the standard, checked on deno 2.9.
---*/

var strict = new URLPattern({ pathname: "/Books/:id" });
assert.sameValue(strict.test({ pathname: "/books/1" }), false, "case-sensitive by default");
assert.sameValue(strict.test({ pathname: "/Books/1" }), true);

var loose = new URLPattern({ pathname: "/Books/:id" }, { ignoreCase: true });
assert.sameValue(loose.test({ pathname: "/BOOKS/1" }), true);
assert.sameValue(loose.exec({ pathname: "/bOoKs/Ab" }).pathname.groups.id, "Ab", "groups keep the input's case");
assert.sameValue(loose.pathname, "/Books/:id", "the pattern string is unchanged");

// With a string pattern and a baseURL, options are the third argument.
var withBase = new URLPattern("/A/*", "https://example.com", { ignoreCase: true });
assert.sameValue(withBase.test("https://example.com/a/x"), true);
var plain = new URLPattern("/A/*", "https://example.com");
assert.sameValue(plain.test("https://example.com/a/x"), false);

// Search and hash too, and regexp groups.
var sh = new URLPattern({ search: "Q=:v", hash: "Top" }, { ignoreCase: true });
assert.sameValue(sh.test("https://a.com/?q=1#TOP"), true);
var re = new URLPattern({ pathname: "/(abc)" }, { ignoreCase: true });
assert.sameValue(re.test({ pathname: "/ABC" }), true, "regexp groups get the i flag");

// ignoreCase is converted with ToBoolean.
assert.sameValue(new URLPattern({ pathname: "/A" }, { ignoreCase: 1 }).test({ pathname: "/a" }), true);
assert.sameValue(new URLPattern({ pathname: "/A" }, { ignoreCase: "" }).test({ pathname: "/a" }), false);
