/*---
description: >
  Negative start and end count from the end of the Blob and are clamped
  at 0 (File API §3.3.1 relativeStart/relativeEnd).
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob(["0123456789"]);
  assert.sameValue(await b.slice(-3).text(), "789");
  assert.sameValue(await b.slice(-5, -1).text(), "5678");
  assert.sameValue(await b.slice(0, -8).text(), "01");
  assert.sameValue(await b.slice(-100, 2).text(), "01");
  assert.sameValue(await b.slice(-Infinity, Infinity).text(), "0123456789");
  assert.sameValue(b.slice(-1, -5).size, 0);
});
