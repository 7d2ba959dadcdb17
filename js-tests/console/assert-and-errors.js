/*---
description: console.assert only reports falsy values; warn, error and trace do not throw
---*/
assert.sameValue(console.assert(true, "never shown"), undefined, "truthy assert");
assert.sameValue(console.assert(0), undefined, "falsy assert without message");
assert.sameValue(console.assert(false, "%s", "x", {}), undefined, "falsy assert with message");
assert.sameValue(console.warn("w"), undefined, "warn");
assert.sameValue(console.error(new TypeError("t")), undefined, "error");
assert.sameValue(console.trace("here"), undefined, "trace");
