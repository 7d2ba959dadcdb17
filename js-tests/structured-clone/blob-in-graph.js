/*---
description: >
  Blobs inside a cloned graph: a Blob reached twice is cloned once (the
  memory map keeps identity), a slice clones with its own bytes.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var blob = new Blob(["shared"]);
  var out = structuredClone({ a: blob, b: blob, list: [blob.slice(1, 3)] });
  assert.sameValue(out.a, out.b, "one clone for one Blob");
  assert.notSameValue(out.a, blob);
  assert.sameValue(await out.a.text(), "shared");
  assert.sameValue(await out.list[0].text(), "ha");
});
