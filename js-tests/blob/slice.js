/*---
description: >
  slice(start, end) (File API §3.3.1): defaults 0 and size, indexes past
  the end are clamped, end before start is empty, the result is a new Blob
  with an empty type by default.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob(["0123456789"], { type: "text/plain" });
  assert.sameValue(await b.slice().text(), "0123456789");
  assert.sameValue(b.slice().type, "", "the type is not inherited");
  assert.sameValue(await b.slice(2).text(), "23456789");
  assert.sameValue(await b.slice(2, 5).text(), "234");
  assert.sameValue(await b.slice(5, 2).text(), "");
  assert.sameValue(await b.slice(8, 100).text(), "89");
  assert.sameValue(b.slice(100).size, 0);
  assert.sameValue(await b.slice(2, 5).slice(1).text(), "34", "a slice of a slice");
  assert.notSameValue(b.slice(), b);
});
