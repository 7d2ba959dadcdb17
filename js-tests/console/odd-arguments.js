/*---
description: console methods accept odd arguments without throwing and return undefined
---*/
var odd = [undefined, null, 0, -0, NaN, 1n, "", "%s%d%i%f%j%o%O%c%%", Symbol("s"),
  {}, [], [,], function () {}, new Map(), new Set(), new Error("e"), Object.create(null)];
var cyclic = {}; cyclic.self = cyclic;
odd.push(cyclic);
for (var i = 0; i < odd.length; i++) {
  assert.sameValue(console.log(odd[i], odd[i]), undefined, "log #" + i);
  assert.sameValue(console.info("%s %o", odd[i], odd[i]), undefined, "info #" + i);
  assert.sameValue(console.dir(odd[i], { depth: 0 }), undefined, "dir #" + i);
  assert.sameValue(console.table(odd[i]), undefined, "table #" + i);
}
assert.sameValue(console.log(), undefined, "log with no arguments");
assert.sameValue(console.table([{ a: 1 }, 2], ["a"]), undefined, "table with columns");
