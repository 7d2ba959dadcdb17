/*---
description: >
  A module test imports named and default exports from a file next to it
  (specifiers resolve against the importing module's URL).
flags: [module]
---*/

import greeting, { value, double } from "./helper_FIXTURE.js";
import * as ns from "./helper_FIXTURE.js";

assert.sameValue(value, 42, "named export");
assert.sameValue(double(21), 42, "exported function");
assert.sameValue(greeting, "default-export", "default export");
assert.sameValue(ns.value, 42, "namespace object");
assert.sameValue(Object.prototype.toString.call(ns), "[object Module]", "namespace @@toStringTag");
