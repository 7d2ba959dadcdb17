/*---
description: >
  Importing a name the module does not export is a SyntaxError at link time
  (ECMA-262 InitializeEnvironment: ResolveExport returns null).
flags: [module]
negative:
  phase: resolution
  type: SyntaxError
---*/

$DONOTEVALUATE();

import { notExported } from "./helper_FIXTURE.js";
