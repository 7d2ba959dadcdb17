/*---
description: console exposes node's methods as functions
---*/
assert.sameValue(typeof console, "object", "console is an object");
var names = ["log", "info", "debug", "warn", "error", "trace", "assert", "table",
  "dir", "dirxml", "time", "timeLog", "timeEnd", "count", "countReset", "group",
  "groupCollapsed", "groupEnd", "clear"];
for (var i = 0; i < names.length; i++) {
  assert.sameValue(typeof console[names[i]], "function", "console." + names[i]);
}
