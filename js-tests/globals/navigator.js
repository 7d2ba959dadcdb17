/*---
description: >
  navigator.userAgent names the runtime as "nano-boa/<version>" (as node's
  is "Node.js/<major>" and deno's "Deno/<version>").
---*/

assert.sameValue(typeof navigator, "object", "navigator exists");
assert.sameValue(typeof navigator.userAgent, "string", "userAgent is a string");
assert(navigator.userAgent.startsWith("nano-boa/"), "userAgent: " + navigator.userAgent);
assert(/^nano-boa\/\d+\.\d+\.\d+/.test(navigator.userAgent), "followed by a version");
