/*---
description: >
  globalThis is the global object, the same one non-strict function code
  sees as this (ECMA-262 globalThis).
includes: [fnGlobalObject.js, propertyHelper.js]
---*/

assert.sameValue(globalThis, fnGlobalObject());
verifyProperty(globalThis, "globalThis", {
  writable: true,
  enumerable: false,
  configurable: true
}, { restore: true });
