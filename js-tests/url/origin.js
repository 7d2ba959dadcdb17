/*---
description: >
  URL origin serialization (WHATWG URL "origin"; values are node v20's
  output).
---*/

var origin = function (input) {
  return new URL(input).origin;
};
assert.sameValue(origin("http://example.com:80/x"), "http://example.com", "http, default port dropped");
assert.sameValue(origin("https://example.com:8443/x"), "https://example.com:8443", "https, other port kept");
assert.sameValue(origin("https://user:pass@EXAMPLE.com/"), "https://example.com", "no credentials");
assert.sameValue(origin("ws://example.com/"), "ws://example.com", "ws");
assert.sameValue(origin("file:///tmp/x"), "null", "file");
assert.sameValue(origin("data:text/plain,hi"), "null", "data");
assert.sameValue(origin("blob:https://example.com:8443/uuid"), "https://example.com:8443", "blob of https");
assert.sameValue(origin("blob:ws://example.com/uuid"), "null", "blob of ws");
assert.sameValue(origin("blob:not a url"), "null", "blob of garbage");
assert.sameValue(origin("foo://example.com/"), "null", "unknown scheme");
assert.sameValue(origin("http://münchen.de/"), "http://xn--mnchen-3ya.de", "punycode host");
