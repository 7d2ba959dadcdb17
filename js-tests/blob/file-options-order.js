/*---
description: >
  File's arguments are converted in order: bits, name, then the
  FilePropertyBag members in lexicographic order (endings, lastModified,
  type). Node v20 reads type first; this test follows WebIDL.
includes: [compareArray.js]
---*/
var order = [];
new File([{ toString: function () { order.push("bits"); return ""; } }],
  { toString: function () { order.push("name"); return "n"; } },
  {
    get type() { order.push("type"); return ""; },
    get lastModified() { order.push("lastModified"); return 1; },
    get endings() { order.push("endings"); return "transparent"; }
  });
assert.compareArray(order, ["bits", "name", "endings", "lastModified", "type"]);
