/*---
description: >
  The arguments are converted in order (WebIDL §3.7.6): the parts (each
  ToString) before the options, whose members are read in lexicographic
  order (endings, type). Node v20 reads type, endings, then the parts; this
  test follows WebIDL.
includes: [compareArray.js]
---*/
var order = [];
new Blob([{ toString: function () { order.push("part"); return "x"; } }], {
  get type() { order.push("type"); return ""; },
  get endings() { order.push("endings"); return "native"; }
});
assert.compareArray(order, ["part", "endings", "type"]);
assert.throws(TypeError, function () { new Blob([], 1); }, "a number is not a dictionary");
assert.throws(TypeError, function () { new Blob([], "x"); }, "a string is not a dictionary");
