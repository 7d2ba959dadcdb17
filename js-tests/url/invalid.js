/*---
description: >
  An input that is not a valid URL throws a TypeError (WHATWG URL
  constructor: "if parsing fails, throw a TypeError").
---*/

assert.throws(TypeError, function () { new URL("not a url"); }, "no scheme");
assert.throws(TypeError, function () { new URL("https://exa mple.com/"); }, "space in host");
assert.throws(TypeError, function () { new URL("http://[::1/"); }, "unclosed IPv6");
assert.throws(TypeError, function () { new URL("relative/path"); }, "relative without base");
