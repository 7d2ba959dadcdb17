/*---
description: >
  A syntax error anywhere in the script prevents it from running at all
  (ECMA-262 ParseScript: early errors are reported before evaluation).
negative:
  phase: parse
  type: SyntaxError
---*/

$DONOTEVALUATE();

var ok = 1;
let x = 1;
let x = 2;
