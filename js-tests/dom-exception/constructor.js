/*---
description: >
  DOMException constructor, attributes and legacy codes (WebIDL §3.14.1).
  Expected values checked against node v20.
---*/

var e = new DOMException("went wrong", "NotFoundError");
assert.sameValue(e.name, "NotFoundError");
assert.sameValue(e.message, "went wrong");
assert.sameValue(e.code, 8);
assert.sameValue(String(e), "NotFoundError: went wrong");
assert(e instanceof DOMException, "instanceof DOMException");
assert(e instanceof Error, "instanceof Error");
assert.sameValue(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
assert.sameValue(Object.prototype.toString.call(e), "[object DOMException]");

var plain = new DOMException();
assert.sameValue(plain.name, "Error");
assert.sameValue(plain.message, "");
assert.sameValue(plain.code, 0);

assert.sameValue(new DOMException("m", "SomethingElse").code, 0, "unknown names have code 0");
assert.sameValue(new DOMException(undefined, undefined).name, "Error");
assert.sameValue(new DOMException(42, 7).message, "42");
assert.sameValue(new DOMException(42, 7).name, "7");
assert.sameValue(DOMException.length, 0);
assert.sameValue(DOMException.name, "DOMException");
