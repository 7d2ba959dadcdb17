/*---
description: >
  setTimeout and setInterval return handles that are positive integers,
  all different (HTML timer initialization steps: "let id be an
  implementation-defined integer that is greater than zero").
---*/

var ids = [
  setTimeout(function () {}, 0),
  setTimeout(function () {}, 5),
  setInterval(function () {}, 5)
];
for (var i = 0; i < ids.length; i++) {
  assert.sameValue(typeof ids[i], "number", "id " + i + " is a number");
  assert(Number.isInteger(ids[i]) && ids[i] > 0, "id " + i + " is a positive integer: " + ids[i]);
  for (var j = 0; j < i; j++) {
    assert.notSameValue(ids[i], ids[j], "ids " + j + " and " + i + " differ");
  }
}
// Leave nothing behind that would keep the event loop alive.
ids.forEach(function (id) { clearTimeout(id); });
