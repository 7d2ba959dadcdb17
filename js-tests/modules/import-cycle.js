/*---
description: >
  An import cycle links and evaluates: each module sees the other's live
  bindings, and the module imported first finishes last.
flags: [module]
---*/

import { fromA, fromB, seenByB } from "./cycle-a_FIXTURE.js";
import { readA } from "./cycle-b_FIXTURE.js";

assert.sameValue(fromA, "a");
assert.sameValue(fromB, "b");
assert.sameValue(seenByB, "a", "b's function reads a's binding once a has run");
assert.sameValue(readA(), "a");
