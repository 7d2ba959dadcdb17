/*---
description: >
  Primitive wrapper objects, Date and RegExp are cloned as new objects of
  the same kind; RegExp keeps source and flags but not lastIndex; other own
  properties of these objects are not kept (HTML StructuredSerialize; node
  v20 agrees).
---*/

var wrappers = [new Boolean(false), new Number(-0), new String("s\u00E9"), Object(10n)];
var clones = structuredClone(wrappers);
assert.sameValue(typeof clones[0], "object", "Boolean wrapper stays an object");
assert.sameValue(Object.prototype.toString.call(clones[0]), "[object Boolean]", "Boolean");
assert.sameValue(clones[0].valueOf(), false, "Boolean value");
assert.sameValue(Object.prototype.toString.call(clones[1]), "[object Number]", "Number");
assert.sameValue(clones[1].valueOf(), -0, "Number value, -0 kept");
assert.sameValue(Object.prototype.toString.call(clones[2]), "[object String]", "String");
assert.sameValue(clones[2].valueOf(), "s\u00E9", "String value");
assert.sameValue(clones[2].length, 2, "String length");
assert.sameValue(Object.prototype.toString.call(clones[3]), "[object BigInt]", "BigInt");
assert.sameValue(clones[3].valueOf(), 10n, "BigInt value");
assert.notSameValue(clones[0], wrappers[0], "a new object");
var s = new String("ab");
s.extra = 1;
assert.sameValue(structuredClone(s).extra, undefined, "extra property of a wrapper dropped");

var date = new Date(Date.UTC(2020, 1, 29, 12, 30, 15, 250));
date.extra = 1;
var dateClone = structuredClone(date);
assert(dateClone instanceof Date, "Date");
assert.notSameValue(dateClone, date, "a new Date");
assert.sameValue(dateClone.getTime(), date.getTime(), "time value");
assert.sameValue(dateClone.extra, undefined, "extra property of a Date dropped");
assert.sameValue(structuredClone(new Date(NaN)).getTime(), NaN, "invalid date");

var re = /a+b/gimsuy;
re.lastIndex = 3;
re.extra = 1;
var reClone = structuredClone(re);
assert(reClone instanceof RegExp, "RegExp");
assert.notSameValue(reClone, re, "a new RegExp");
assert.sameValue(reClone.source, "a+b", "source");
assert.sameValue(reClone.flags, "gimsuy", "flags");
assert.sameValue(reClone.lastIndex, 0, "lastIndex not kept");
assert.sameValue(reClone.extra, undefined, "extra property of a RegExp dropped");
var slash = /a\/b/;
var slashClone = structuredClone(slash);
assert.sameValue(slashClone.source, slash.source, "source with an escaped slash");
assert(slashClone.test("a/b"), "escaped slash still matches");
var fromString = new RegExp("/", "g");
assert.sameValue(structuredClone(fromString).source, fromString.source, "unescaped slash");
assert(structuredClone(fromString).test("x/"), "unescaped slash still matches");
