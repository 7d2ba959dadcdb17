/*---
description: >
  Without lastModified, a File's lastModified is the current time in
  milliseconds (File API §4.1 step 4), as Date.now() gives it.
---*/
var before = Date.now();
var f = new File([], "x");
var after = Date.now();
assert.sameValue(typeof f.lastModified, "number");
assert(f.lastModified >= before && f.lastModified <= after, "between " + before + " and " + after + ": " + f.lastModified);
assert.sameValue(Number.isInteger(f.lastModified), true);
var g = new File([], "x", { lastModified: undefined });
assert(g.lastModified >= before, "undefined is the default");
