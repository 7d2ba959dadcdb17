/*---
description: Error accepts an options bag with cause (ECMA-262 InstallErrorCause).
features: [error-cause]
---*/

var cause = {};
var error = new TypeError("outer", { cause: cause });
assert.sameValue(error.cause, cause);
assert.sameValue(Object.prototype.hasOwnProperty.call(new Error("x"), "cause"), false,
  "no cause property without the option");
