/*---
description: >
  Reading a property of undefined throws a TypeError at run time
  (ECMA-262 GetValue on an undefined base: RequireObjectCoercible).
negative:
  phase: runtime
  type: TypeError
---*/

var nothing;
nothing.property;
