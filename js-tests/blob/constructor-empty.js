/*---
description: >
  new Blob() and new Blob([]) (File API §3.1) are empty, with an empty type;
  undefined and null options are an empty BlobPropertyBag.
---*/
var empty = new Blob();
assert.sameValue(empty.size, 0);
assert.sameValue(empty.type, "");
assert.sameValue(new Blob([]).size, 0);
assert.sameValue(new Blob(undefined, undefined).size, 0);
assert.sameValue(new Blob([], null).type, "", "null options is the empty dictionary");
assert(empty instanceof Blob);
