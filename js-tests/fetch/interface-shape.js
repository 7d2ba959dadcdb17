/*---
description: >
  The WebIDL shape of Headers, Request and Response (WebIDL §3.7): operations
  are enumerable, writable, configurable functions with the right name and
  length; attributes are enumerable, configurable getters named "get x"
  with length 0 and no setter; constructors are not enumerable on the
  prototype; statics of Response are enumerable. Each getter brand-checks
  its receiver, including an object that only inherits from the prototype.
  Expected values from node v20 (members node has and nano-boa does not
  yet, blob and formData, are left out), except that node's Request
  headers and credentials getters do not brand-check.
---*/

function op(C, name, length) {
  var d = Object.getOwnPropertyDescriptor(C.prototype, name);
  assert.sameValue(typeof d.value, "function", C.name + "." + name + " is a function");
  assert.sameValue(d.value.name, name, C.name + "." + name + " name");
  assert.sameValue(d.value.length, length, C.name + "." + name + " length");
  assert(d.writable && d.enumerable && d.configurable, C.name + "." + name + " attributes");
  assert.throws(TypeError, function () { new d.value(); }, C.name + "." + name + " is not a constructor");
}
function attr(C, name) {
  var d = Object.getOwnPropertyDescriptor(C.prototype, name);
  assert.sameValue(typeof d.get, "function", C.name + "." + name + " getter");
  assert.sameValue(d.set, undefined, C.name + "." + name + " no setter");
  assert.sameValue(d.get.name, "get " + name, C.name + "." + name + " getter name");
  assert.sameValue(d.get.length, 0, C.name + "." + name + " getter length");
  assert(d.enumerable && d.configurable, C.name + "." + name + " attributes");
  [undefined, null, 1, {}, Object.create(C.prototype)].forEach(function (bad) {
    assert.throws(TypeError, function () { d.get.call(bad); }, C.name + "." + name + " brand check on " + String(bad));
  });
}

[["append", 2], ["delete", 1], ["get", 1], ["has", 1], ["set", 2], ["getSetCookie", 0],
  ["keys", 0], ["values", 0], ["entries", 0], ["forEach", 1]].forEach(function (m) { op(Headers, m[0], m[1]); });
["method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials",
  "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation",
  "signal", "body", "bodyUsed", "duplex"].forEach(function (a) { attr(Request, a); });
["type", "url", "redirected", "status", "ok", "statusText", "headers", "body", "bodyUsed"]
  .forEach(function (a) { attr(Response, a); });
[Request, Response].forEach(function (C) {
  [["clone", 0], ["arrayBuffer", 0], ["text", 0], ["json", 0], ["bytes", 0]].forEach(function (m) { op(C, m[0], m[1]); });
});
[Headers, Request, Response].forEach(function (C) {
  var d = Object.getOwnPropertyDescriptor(C.prototype, "constructor");
  assert.sameValue(d.value, C, C.name + ".prototype.constructor");
  assert.sameValue(d.enumerable, false, C.name + ".prototype.constructor not enumerable");
  var tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag);
  assert.sameValue(tag.value, C.name, C.name + " toStringTag");
  assert(!tag.writable && !tag.enumerable && tag.configurable, C.name + " toStringTag attributes");
  var p = Object.getOwnPropertyDescriptor(C, "prototype");
  assert(!p.writable && !p.enumerable && !p.configurable, C.name + ".prototype attributes");
});
[["error", 0], ["json", 1], ["redirect", 1]].forEach(function (m) {
  var d = Object.getOwnPropertyDescriptor(Response, m[0]);
  assert.sameValue(d.value.length, m[1], "Response." + m[0] + " length");
  assert.sameValue(d.value.name, m[0], "Response." + m[0] + " name");
  assert(d.writable && d.enumerable && d.configurable, "Response." + m[0] + " attributes");
});
assert.sameValue(Headers.name, "Headers", "Headers.name");
assert.sameValue(Request.name, "Request", "Request.name");
assert.sameValue(Response.name, "Response", "Response.name");

// A subclass gets its own prototype and the internal state.
class MyResponse extends Response {}
var mine = new MyResponse("x", { status: 201 });
assert.sameValue(Object.getPrototypeOf(mine), MyResponse.prototype, "subclass prototype");
assert.sameValue(mine.status, 201, "subclass state");
