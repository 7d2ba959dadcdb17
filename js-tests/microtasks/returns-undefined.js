/*---
description: >
  queueMicrotask returns undefined (HTML: its IDL return type is void;
  node v20 returns undefined).
---*/

assert.sameValue(queueMicrotask(function () {}), undefined);
