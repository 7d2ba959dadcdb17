/*---
description: >
  node:querystring's parse/decode (repeated keys, '+', malformed percent
  sequences kept, custom separators, maxKeys, a null-prototype result),
  stringify/encode (arrays, the value types that stringify as empty,
  custom separators), escape and unescape. The expected lines are node
  v20's output for the same code.
flags: [module]
---*/
import qs from "node:querystring";
var out = [];
var log = function () { out.push(Array.prototype.map.call(arguments, String).join(" ")); };
const show = (v) => JSON.stringify(v, (k, x) => (typeof x === "bigint" ? x + "n" : x));
const p = qs.parse("a=1&b=2&a=3&c&d=&e=x%20y+z&f=%E2%82%AC&g=%zz&%41=h&a=4");
log(show(p), Object.getPrototypeOf(p) === null);
log(show(qs.parse("x:1;y:2", ";", ":")), show(qs.parse("a=1&b=2&c=3", null, null, { maxKeys: 2 })));
log(show(qs.parse("")), show(qs.parse(5)));
log(qs.stringify({ a: [1, 2], b: "x y", c: true, d: 1n, e: null, f: undefined, g: {}, h: NaN, "k€": "€/?" }));
log(qs.stringify({ a: 1, b: 2 }, ";", ":"), qs.stringify("str"), qs.stringify(null));
log(qs.escape("a b&c=é~*'()"), qs.unescape("a%20b%zz%C3%A9"), qs.decode === qs.parse, qs.encode === qs.stringify);
try { qs.escape("\uD800"); } catch (e) { log(e.name); }
var expected = ["{\"a\":[\"1\",\"3\",\"4\"],\"b\":\"2\",\"c\":\"\",\"d\":\"\",\"e\":\"x y z\",\"f\":\"€\",\"g\":\"%zz\",\"A\":\"h\"} true", "{\"x\":\"1\",\"y\":\"2\"} {\"a\":\"1\",\"b\":\"2\"}", "{} {}", "a=1&a=2&b=x%20y&c=true&d=1&e=&f=&g=&h=&k%E2%82%AC=%E2%82%AC%2F%3F", "a:1;b:2  ", "a%20b%26c%3D%C3%A9~*'() a b%zzé true true", "URIError"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
