/*---
description: >
  process.argv is an array of strings and process.env an object of strings
  (node's process API).
---*/

assert(Array.isArray(process.argv), "argv is an array");
assert(process.argv.length >= 1, "argv has the binary at least");
for (var i = 0; i < process.argv.length; i++) {
  assert.sameValue(typeof process.argv[i], "string", "argv[" + i + "] is a string");
}
assert.sameValue(typeof process.env, "object", "env is an object");
assert.notSameValue(process.env, null, "env is not null");
Object.keys(process.env).forEach(function (key) {
  assert.sameValue(typeof process.env[key], "string", "env." + key + " is a string");
});
