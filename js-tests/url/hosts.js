/*---
description: >
  Host parsing: IPv4 in its many spellings, IPv6 compression, IDNA to
  punycode, opaque hosts of non-special schemes (WHATWG URL "host parsing";
  values are node v20's output).
---*/

var host = function (input) {
  return new URL(input).host;
};
assert.sameValue(host("http://192.168.0.1/"), "192.168.0.1", "dotted IPv4");
assert.sameValue(host("http://0x7f.1/"), "127.0.0.1", "hex and short IPv4");
assert.sameValue(host("http://2130706433/"), "127.0.0.1", "IPv4 as one number");
assert.sameValue(host("http://0300.0250.0.1/"), "192.168.0.1", "octal IPv4");
assert.throws(TypeError, function () { new URL("http://256.256.256.256/"); }, "IPv4 out of range");
assert.sameValue(host("http://[2001:db8:0:0:0:0:0:1]/"), "[2001:db8::1]", "IPv6 compression");
assert.sameValue(host("http://[::ffff:192.168.0.1]:8080/"), "[::ffff:c0a8:1]:8080", "IPv4-mapped IPv6");
assert.sameValue(new URL("http://[::1]/").hostname, "[::1]", "hostname keeps brackets");
assert.sameValue(host("http://münchen.de/"), "xn--mnchen-3ya.de", "IDNA to punycode");
assert.sameValue(host("http://EXAMPLE.COM./"), "example.com.", "lower case, trailing dot kept");
assert.sameValue(host("http://ex%41mple.com/"), "example.com", "percent-decoded host");
assert.sameValue(host("foo://Ex%41mple/"), "Ex%41mple", "opaque host is kept as is");
assert.throws(TypeError, function () { new URL("http://exa<mple.com/"); }, "forbidden host code point");
assert.throws(TypeError, function () { new URL("http:///"); }, "special URL without host");
