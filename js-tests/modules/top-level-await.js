/*---
description: >
  A module may await at top level; evaluation resumes when the awaited
  timer fires.
flags: [module]
features: [top-level-await]
---*/

var before = Date.now();
var value = await new Promise(function (resolve) {
  setTimeout(resolve, 10, "resolved");
});
assert.sameValue(value, "resolved");
assert(Date.now() - before >= 9, "waited for the timer");
