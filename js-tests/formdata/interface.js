/*---
description: >
  FormData's interface (XHR §5): FormData.length is 0 (both constructor
  arguments are optional; node v20 says 1, this test follows WebIDL
  §3.7.1); method lengths; @@toStringTag "FormData"; the members throw a
  TypeError on a value that is not a FormData.
---*/
assert.sameValue(FormData.length, 0);
assert.sameValue(FormData.name, "FormData");
var lengths = { append: 2, delete: 1, get: 1, getAll: 1, has: 1, set: 2, keys: 0, values: 0, entries: 0, forEach: 1 };
Object.keys(lengths).forEach(function (name) {
  var d = Object.getOwnPropertyDescriptor(FormData.prototype, name);
  assert.sameValue(typeof d.value, "function", name);
  assert.sameValue(d.value.length, lengths[name], name + ".length");
  assert.sameValue(d.enumerable, true, name + " is enumerable");
});
assert.sameValue(Object.prototype.toString.call(new FormData()), "[object FormData]");
assert.throws(TypeError, function () { FormData.prototype.get.call({}, "a"); });
assert.throws(TypeError, function () { FormData.prototype.append.call(new Headers(), "a", "b"); });
assert.throws(TypeError, function () { FormData.prototype.entries.call([]); });
