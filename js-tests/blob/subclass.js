/*---
description: >
  Blob can be subclassed: the instance has the subclass's prototype and
  works with Blob's members.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  class Named extends Blob {
    constructor(parts, label) { super(parts, { type: "text/plain" }); this.label = label; }
  }
  var n = new Named(["abc"], "L");
  assert(n instanceof Named);
  assert(n instanceof Blob);
  assert.sameValue(n.label, "L");
  assert.sameValue(n.size, 3);
  assert.sameValue(n.type, "text/plain");
  assert.sameValue(await n.text(), "abc");
  assert.sameValue(n.slice(1).constructor, Blob, "slice makes a plain Blob");
});
