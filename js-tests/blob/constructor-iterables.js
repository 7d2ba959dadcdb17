/*---
description: >
  blobParts is a WebIDL sequence: any iterable object is accepted (an
  array, a Set, a generator, an object with @@iterator); its items are read
  through the iterator protocol.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  function* gen() { yield "a"; yield "b"; }
  assert.sameValue(await new Blob(gen()).text(), "ab");
  assert.sameValue(await new Blob(new Set(["x", "y"])).text(), "xy");
  var custom = {};
  custom[Symbol.iterator] = function () {
    var i = 0;
    return { next: function () { i++; return i <= 3 ? { value: String(i), done: false } : { done: true }; } };
  };
  assert.sameValue(await new Blob(custom).text(), "123");
  var arrayLike = { length: 1, 0: "z" };
  arrayLike[Symbol.iterator] = Array.prototype[Symbol.iterator];
  assert.sameValue(await new Blob(arrayLike).text(), "z");
});
