/*---
description: >
  forEach(callback, thisArg) calls callback(value, key, formData) for each
  entry with thisArg as this; a callback that is not callable is a
  TypeError.
includes: [compareArray.js]
---*/
var fd = new FormData();
fd.append("a", "1");
var file = new File(["x"], "f");
fd.append("b", file);
var seen = [];
var self = {};
fd.forEach(function (value, key, target) {
  assert.sameValue(this, self);
  assert.sameValue(target, fd);
  seen.push(key, value);
}, self);
assert.compareArray(seen, ["a", "1", "b", file]);
assert.throws(TypeError, function () { fd.forEach(); });
assert.throws(TypeError, function () { fd.forEach({}); });
assert.sameValue(FormData.prototype.forEach.length, 1);
