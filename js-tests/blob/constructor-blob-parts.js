/*---
description: >
  Blob and File parts contribute their bytes (not their type); a Blob made
  of one Blob has the same content.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var inner = new Blob(["ab"], { type: "text/x" });
  var file = new File([new Uint8Array([0, 255])], "f.bin");
  var b = new Blob([inner, "-", file, inner]);
  assert.sameValue(b.type, "", "the parts' types are not inherited");
  assert.compareArray(Array.from(await b.bytes()), [0x61, 0x62, 0x2D, 0, 255, 0x61, 0x62]);
  var single = new Blob([inner]);
  assert.sameValue(await single.text(), "ab");
  assert.notSameValue(single, inner);
});
