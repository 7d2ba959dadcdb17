/*---
description: >
  read(view, { min }) (Streams §4.6.4, added in 2023) waits until at
  least min elements are filled, across several responds; without min
  one byte is enough.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var pulls = 0;
  var rs = new ReadableStream({
    type: "bytes",
    pull: function (c) {
      pulls++;
      var v = c.byobRequest.view;
      v[0] = pulls;
      c.byobRequest.respond(1);
    },
  });
  var reader = rs.getReader({ mode: "byob" });
  var r = await reader.read(new Uint8Array(4), { min: 3 });
  assert.compareArray(Array.from(r.value), [1, 2, 3], "three pulls for min 3");
  var r2 = await reader.read(new Uint8Array(4));
  assert.compareArray(Array.from(r2.value), [4], "min defaults to 1");
  var r3 = await reader.read(new Uint16Array(2), { min: 2 });
  assert.sameValue(r3.value.length, 2, "min counts elements");
  assert.sameValue(r3.value.byteLength, 4);
});
