/*---
description: >
  URL and URLSearchParams members throw a TypeError on a receiver that is
  not one of their objects (WebIDL "perform a security check" / brand
  checks).
---*/

var hrefDesc = Object.getOwnPropertyDescriptor(URL.prototype, "href");
assert.throws(TypeError, function () { hrefDesc.get.call({}); }, "href getter");
assert.throws(TypeError, function () { hrefDesc.set.call({}, "https://a.b/"); }, "href setter");
assert.throws(TypeError, function () { URL.prototype.toString.call({}); }, "toString");
assert.throws(TypeError, function () { URL.prototype.toJSON.call(null); }, "toJSON on null");
assert.throws(TypeError, function () { return URL.prototype.searchParams; }, "searchParams on the prototype");
assert.throws(TypeError, function () { return Object.create(URL.prototype).host; }, "object inheriting from URL.prototype");
var params = new URLSearchParams("a=1");
assert.throws(TypeError, function () { URL.prototype.toString.call(params); }, "URLSearchParams is not a URL");
assert.throws(TypeError, function () { URLSearchParams.prototype.get.call(new URL("https://a.b/"), "a"); }, "URL is not a URLSearchParams");
assert.throws(TypeError, function () { URLSearchParams.prototype.append.call({}, "a", "b"); }, "append");
assert.throws(TypeError, function () {
  Object.getOwnPropertyDescriptor(URLSearchParams.prototype, "size").get.call({});
}, "size");
assert.throws(TypeError, function () { URLSearchParams.prototype.entries.call(1); }, "entries on a number");
assert.throws(TypeError, function () { URLSearchParams(); }, "called without new");

// WebIDL members are enumerable accessors and methods on the prototype.
var desc = Object.getOwnPropertyDescriptor(URL.prototype, "search");
assert.sameValue(desc.enumerable, true, "search is enumerable");
assert.sameValue(typeof desc.set, "function", "search has a setter");
assert.sameValue(Object.getOwnPropertyDescriptor(URL.prototype, "origin").set, undefined, "origin is read-only");
assert.sameValue(Object.getOwnPropertyDescriptor(URL.prototype, "searchParams").set, undefined, "searchParams is read-only");
assert.sameValue(Object.keys(new URL("https://a.b/")).length, 0, "no own properties");
