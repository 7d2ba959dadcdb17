/*---
description: An async module test reports through $DONE after a top-level await.
flags: [module, async]
features: [top-level-await]
---*/

await Promise.resolve();
Promise.resolve(1).then(function (v) {
  assert.sameValue(v, 1);
}).then($DONE, $DONE);
