/*---
description: >
  start and end are [Clamp] long long (WebIDL §3.2.4): NaN is 0, values
  are rounded to the nearest integer with ties to even, strings go through
  ToNumber. (Node v20 aborts the process on a fractional or NaN index; this
  test follows WebIDL.)
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var b = new Blob(["0123456789"]);
  assert.sameValue(await b.slice(NaN, NaN).text(), "");
  assert.sameValue(await b.slice(NaN).text(), "0123456789");
  assert.sameValue(await b.slice(0.5, 2.5).text(), "01", "0.5 -> 0, 2.5 -> 2");
  assert.sameValue(await b.slice(1.5, 3.5).text(), "23", "1.5 -> 2, 3.5 -> 4");
  assert.sameValue(await b.slice("2", "4").text(), "23");
  assert.sameValue(await b.slice(-1.5).text(), "89", "-1.5 -> -2");
  assert.throws(TypeError, function () { b.slice(Symbol()); });
});
