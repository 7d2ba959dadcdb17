/*---
description: >
  URLSearchParams toString and sort: the application/x-www-form-urlencoded
  serializer (space as +, only *-._ and alphanumerics left as they are) and
  a stable sort by code units (values are node v20's output).
includes: [compareArray.js]
---*/

var serialize = function (name, value) {
  var p = new URLSearchParams();
  p.append(name, value);
  return p.toString();
};
assert.sameValue(serialize("a b", "c d"), "a+b=c+d", "space as +");
assert.sameValue(serialize("a+b", "%20"), "a%2Bb=%2520", "+ and % escaped");
assert.sameValue(serialize("&=", "?#"), "%26%3D=%3F%23", "delimiters escaped");
assert.sameValue(serialize("~*-._", "!'()"), "%7E*-._=%21%27%28%29", "~ escaped, *-._ kept");
assert.sameValue(serialize("\u20ac", "\u00fc"), "%E2%82%AC=%C3%BC", "UTF-8");
assert.sameValue(serialize("\uD83D\uDE00", "\uD800"), "%F0%9F%98%80=%EF%BF%BD", "astral and lone surrogate");
assert.sameValue(serialize("", ""), "=", "empty name and value");
assert.sameValue(new URLSearchParams("a=b+c%20d&e").toString(), "a=b+c+d&e=", "round trip normalizes");
assert.sameValue(String(new URLSearchParams()), "", "empty");

var s = new URLSearchParams("z=1&b=2&a=3&b=1&a=2&\uFFFD=x&\uD83D\uDE00=y&A=z");
s.sort();
assert.compareArray(Array.from(s.keys()), ["A", "a", "a", "b", "b", "z", "\uD83D\uDE00", "\uFFFD"], "sorted by code units");
assert.compareArray(s.getAll("a"), ["3", "2"], "stable for a");
assert.compareArray(s.getAll("b"), ["2", "1"], "stable for b");
