/*---
description: >
  Importing a file that does not exist fails while loading the graph, before
  any code runs. The error is a TypeError as in HTML's
  HostLoadImportedModule ("a new TypeError" when fetching fails).
flags: [module]
negative:
  phase: resolution
  type: TypeError
---*/

$DONOTEVALUATE();

import "./does-not-exist_FIXTURE.js";
