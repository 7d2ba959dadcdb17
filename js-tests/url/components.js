/*---
description: >
  The URL getters split a URL into its parts (WHATWG URL "URL class";
  values are node v20's output).
---*/

var url = new URL("https://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash");
assert.sameValue(url.protocol, "https:", "protocol");
assert.sameValue(url.username, "user", "username");
assert.sameValue(url.password, "pass", "password");
assert.sameValue(url.host, "sub.example.com:8080", "host");
assert.sameValue(url.hostname, "sub.example.com", "hostname");
assert.sameValue(url.port, "8080", "port");
assert.sameValue(url.pathname, "/p/a/t/h", "pathname");
assert.sameValue(url.search, "?query=string", "search");
assert.sameValue(url.hash, "#hash", "hash");
assert.sameValue(url.origin, "https://sub.example.com:8080", "origin");
assert.sameValue(String(url), url.href, "toString is href");
assert.sameValue(url.toJSON(), url.href, "toJSON is href");
