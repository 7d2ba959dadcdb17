/*---
description: >
  Functions, symbols and objects that are neither plain nor of a
  serializable kind throw a DataCloneError DOMException (code 25); an
  error thrown part-way leaves nothing half-cloned (HTML
  StructuredSerialize; node v20 agrees).
---*/

function assertDataCloneError(value, what) {
  var caught;
  try {
    structuredClone(value);
  } catch (e) {
    caught = e;
  }
  assert(caught instanceof DOMException, what + ": throws a DOMException");
  assert.sameValue(caught.name, "DataCloneError", what + ": name");
  assert.sameValue(caught.code, 25, what + ": code");
}

assertDataCloneError(function () {}, "function");
assertDataCloneError(function* () {}, "generator function");
assertDataCloneError(class {}, "class");
assertDataCloneError(Math.max.bind(null), "bound function");
assertDataCloneError(Symbol("s"), "symbol");
assertDataCloneError(Object(Symbol("s")), "Symbol wrapper");
assertDataCloneError({ f: function () {} }, "nested function");
assertDataCloneError([1, Symbol.iterator], "nested symbol");
assertDataCloneError(new Map([[1, function () {}]]), "function in a Map");
assertDataCloneError(new WeakMap(), "WeakMap");
assertDataCloneError(new WeakSet(), "WeakSet");
assertDataCloneError(Promise.resolve(), "Promise");
assertDataCloneError(new Proxy({}, {}), "Proxy");
assertDataCloneError((function () { return arguments; })(1, 2), "arguments");
assertDataCloneError([1, 2][Symbol.iterator](), "array iterator");
