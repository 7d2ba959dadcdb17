/*---
description: >
  Error objects are cloned with their name (one of the NativeError names,
  else "Error"), message and cause when those are own data properties;
  the clone has the matching prototype and no other own properties except
  possibly stack (HTML StructuredSerialize; node v20 agrees, including for
  cause).
includes: [compareArray.js]
---*/

function ownNonStack(o) {
  return Object.getOwnPropertyNames(o).filter(function (k) { return k !== "stack"; }).sort();
}

var error = new RangeError("bad", { cause: { code: 1 } });
error.extra = 1;
var clone = structuredClone(error);
assert(clone instanceof RangeError, "RangeError prototype");
assert.notSameValue(clone, error, "a new object");
assert.sameValue(clone.name, "RangeError", "name");
assert.sameValue(clone.message, "bad", "message");
assert.sameValue(clone.cause.code, 1, "cause");
assert.notSameValue(clone.cause, error.cause, "cause cloned");
assert.sameValue(clone.extra, undefined, "other own properties dropped");
assert.compareArray(ownNonStack(clone), ["cause", "message"], "own properties");
var messageDesc = Object.getOwnPropertyDescriptor(clone, "message");
assert.sameValue(messageDesc.enumerable, false, "message not enumerable");
assert.sameValue(messageDesc.writable, true, "message writable");
assert.sameValue(Object.getOwnPropertyDescriptor(clone, "cause").enumerable, false, "cause not enumerable");

[EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, Error].forEach(function (C) {
  var c = structuredClone(new C("m"));
  assert.sameValue(Object.getPrototypeOf(c), C.prototype, C.name + " prototype");
  assert.sameValue(c.message, "m", C.name + " message");
});

// The prototype follows the name property.
var renamed = new Error("x");
renamed.name = "TypeError";
assert(structuredClone(renamed) instanceof TypeError, "name TypeError gives a TypeError");
var custom = new Error("x");
custom.name = "Foo";
var customClone = structuredClone(custom);
assert.sameValue(Object.getPrototypeOf(customClone), Error.prototype, "unknown name gives Error");
assert.sameValue(customClone.name, "Error", "unknown name not kept");
class MyError extends Error {}
assert.sameValue(Object.getPrototypeOf(structuredClone(new MyError("y"))), Error.prototype, "subclass becomes Error");
assert.sameValue(Object.getPrototypeOf(structuredClone(new AggregateError([], "agg"))), Error.prototype, "AggregateError becomes Error");

// No own message: none on the clone. A non-string message is converted.
assert.compareArray(ownNonStack(structuredClone(new Error())), [], "no message");
var numeric = new Error("x");
numeric.message = 42;
assert.sameValue(structuredClone(numeric).message, "42", "message converted to string");
var accessor = new Error("x");
Object.defineProperty(accessor, "message", { get: function () { return "g"; } });
assert.sameValue(structuredClone(accessor).message, "", "accessor message not read");

// An error inside other values.
var nested = structuredClone({ e: new TypeError("t") });
assert(nested.e instanceof TypeError, "nested error");

// DOMException is serializable (WebIDL §3.14.1): name and message kept.
// (node v20 loses the name; this follows the standard.)
var domClone = structuredClone(new DOMException("msg", "DataCloneError"));
assert(domClone instanceof DOMException, "DOMException prototype");
assert.sameValue(domClone.name, "DataCloneError", "DOMException name");
assert.sameValue(domClone.message, "msg", "DOMException message");
assert.sameValue(domClone.code, 25, "DOMException code");
