/*---
description: >
  Percent-encoding of path, query and fragment with their own encode sets
  (WHATWG URL "percent-encoded bytes"; values are node v20's output).
---*/

var url = new URL("https://example.com/a b/\"<>`{}|ü?q=a b\"<>'`{}|ü#f a\"<>`ü");
assert.sameValue(url.pathname, "/a%20b/%22%3C%3E%60%7B%7D|%C3%BC", "path encode set");
assert.sameValue(url.search, "?q=a%20b%22%3C%3E%27`{}|%C3%BC", "special-query encode set (' encoded)");
assert.sameValue(url.hash, "#f%20a%22%3C%3E%60%C3%BC", "fragment encode set");
assert.sameValue(new URL("foo://h/?'").search, "?'", "' kept in a non-special query");
assert.sameValue(new URL("https://example.com/%7e%2F").pathname, "/%7e%2F", "existing escapes kept");
assert.sameValue(new URL("https://example.com/\u00e9t\u00e9").pathname, "/%C3%A9t%C3%A9", "UTF-8 bytes");
assert.sameValue(new URL("https://ex.com/a\\b").pathname, "/a/b", "backslash is a slash in special URLs");
assert.sameValue(new URL("foo://ex.com/a\\b").pathname, "/a\\b", "but not in other schemes");
assert.sameValue(new URL("  https://ex.com/\t\nx  ").href, "https://ex.com/x", "C0/space trimmed, tab/newline removed");
assert.sameValue(new URL("https://u s:p@ss@ex.com/").username, "u%20s", "userinfo encode set");
assert.sameValue(new URL("https://u s:p@ss@ex.com/").password, "p%40ss", "@ in password");
