/*---
description: >
  self is the global object (HTML WindowOrWorkerGlobalScope: self returns
  this global object; WinterTC lists it for server runtimes).
---*/

assert.sameValue(typeof self, "object", "self exists");
assert.sameValue(self, globalThis, "self === globalThis");
assert.sameValue(self.self, self, "self.self === self");
