/*---
description: >
  ErrorEvent and PromiseRejectionEvent (HTML §8.1.4.7, §8.1.4.8): the
  constructors, their init dictionaries and defaults, the attributes on the
  prototype, brand checks. PromiseRejectionEvent's promise member is
  required (`required object promise`): a missing one is a TypeError as
  the spec says. Where deno 2 differs, this test follows the spec (WebIDL):
  deno accepts a missing promise, a missing dictionary and a missing
  ErrorEvent type, gives PromiseRejectionEvent a length of 1 and does not
  convert colno/lineno to unsigned long (-1 stays -1). The rest was checked
  on deno 2 (node v20 has neither interface).
---*/

var e = new ErrorEvent("error");
assert(e instanceof Event, "an Event");
assert.sameValue(e.message, "", "message default");
assert.sameValue(e.filename, "", "filename default");
assert.sameValue(e.lineno, 0, "lineno default");
assert.sameValue(e.colno, 0, "colno default");
assert.sameValue(e.error, undefined, "error default");
assert.sameValue(e.cancelable, false, "not cancelable by default");
assert.sameValue(Object.prototype.toString.call(e), "[object ErrorEvent]", "toStringTag");

var cause = new Error("c");
var full = new ErrorEvent("error", { message: "m", filename: "f.js", lineno: 3, colno: -1, error: cause, cancelable: true });
assert.sameValue(full.message, "m", "message");
assert.sameValue(full.filename, "f.js", "filename");
assert.sameValue(full.lineno, 3, "lineno");
assert.sameValue(full.colno, 4294967295, "colno is an unsigned long");
assert.sameValue(full.error, cause, "error");
assert.sameValue(full.cancelable, true, "cancelable");
assert.throws(TypeError, function () { new ErrorEvent(); }, "a type is required");
assert.throws(TypeError, function () { ErrorEvent.prototype.message; }, "brand check");
assert.sameValue(ErrorEvent.length, 1, "ErrorEvent.length");

var p = Promise.resolve(1);
var r = new PromiseRejectionEvent("unhandledrejection", { promise: p, reason: 5, cancelable: true });
assert(r instanceof Event, "an Event");
assert.sameValue(r.promise, p, "promise");
assert.sameValue(r.reason, 5, "reason");
assert.sameValue(r.cancelable, true, "cancelable");
assert.sameValue(new PromiseRejectionEvent("x", { promise: p }).reason, undefined, "reason default");
assert.sameValue(Object.prototype.toString.call(r), "[object PromiseRejectionEvent]", "toStringTag");
assert.throws(TypeError, function () { new PromiseRejectionEvent("x", {}); }, "promise is required");
assert.throws(TypeError, function () { new PromiseRejectionEvent("x"); }, "the dictionary is required");
assert.throws(TypeError, function () { PromiseRejectionEvent.prototype.promise; }, "brand check");
assert.sameValue(PromiseRejectionEvent.length, 2, "PromiseRejectionEvent.length");

assert.sameValue(typeof reportError, "function", "reportError");
assert.sameValue(reportError.length, 1, "reportError.length");
assert.throws(TypeError, function () { reportError(); }, "reportError needs its argument");
assert.throws(TypeError, function () { new reportError(1); }, "reportError is not a constructor");
