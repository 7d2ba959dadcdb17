/*---
description: logging a value never calls its getters or a proxy's traps
---*/
var calls = 0;
var obj = { get a() { calls++; return 1; } };
var proxy = new Proxy({}, {
  get: function () { calls++; },
  ownKeys: function () { calls++; return []; },
  getOwnPropertyDescriptor: function () { calls++; },
  getPrototypeOf: function () { calls++; return null; }
});
console.log(obj, [obj], { nested: obj }, proxy, [proxy]);
console.dir(proxy);
assert.sameValue(calls, 0, "no getter or trap ran");
