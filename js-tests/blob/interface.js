/*---
description: >
  Blob's interface object and prototype (WebIDL §3.7): length 0, the
  accessors size and type, the operations slice, text, arrayBuffer, bytes,
  @@toStringTag "Blob"; operations are writable, enumerable and
  configurable (WebIDL §3.7.6; node v20's bytes() is not, this test follows
  WebIDL). stream() is not there yet (it comes with ReadableStream).
---*/
assert.sameValue(typeof Blob, "function");
assert.sameValue(Blob.length, 0);
assert.sameValue(Blob.name, "Blob");
["size", "type"].forEach(function (name) {
  var d = Object.getOwnPropertyDescriptor(Blob.prototype, name);
  assert.sameValue(typeof d.get, "function", name + " is an accessor");
  assert.sameValue(d.set, undefined);
  assert.sameValue(d.enumerable, true);
  assert.sameValue(d.configurable, true);
});
["slice", "text", "arrayBuffer", "bytes"].forEach(function (name) {
  var d = Object.getOwnPropertyDescriptor(Blob.prototype, name);
  assert.sameValue(typeof d.value, "function", name);
  assert.sameValue(d.value.length, 0, name + ".length");
  assert.sameValue(d.writable && d.enumerable && d.configurable, true, name + " attributes");
});
assert.sameValue(Object.prototype.toString.call(new Blob()), "[object Blob]");
assert.sameValue(Blob.prototype.constructor, Blob);
