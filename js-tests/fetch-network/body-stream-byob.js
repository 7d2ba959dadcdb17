/*---
description: >
  A fetch body is a byte stream (Fetch §4.6 sets the stream up "with byte
  reading support"): getReader({mode: "byob"}) reads /bytes?n=1000 into
  the caller's 300-byte views, at most 300 bytes a read, every byte right
  (byte i is i % 256), and the read after the last byte resolves done.
  Expected values from node v20.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var res = await fetch(FIXTURE.http + "/bytes?n=1000");
  var reader = res.body.getReader({ mode: "byob" });
  var total = 0;
  var bad = -1;
  for (var reads = 0; reads < 1000; reads++) {
    var view = new Uint8Array(300);
    var step = await reader.read(view);
    if (step.done) break;
    assert(step.value.length > 0 && step.value.length <= 300, "a read fills 1..300 bytes");
    assert.sameValue(step.value.buffer.byteLength, 300, "the bytes land in the caller's (transferred) buffer");
    for (var i = 0; i < step.value.length; i++) {
      if (bad < 0 && step.value[i] !== (total + i) % 256) bad = total + i;
    }
    total += step.value.length;
  }
  assert.sameValue(total, 1000, "every byte");
  assert.sameValue(bad, -1, "byte i is i % 256");
  assert.sameValue(step.done, true, "the last read reports done");

  var chunked = await fetch(FIXTURE.http + "/chunked?chunks=2&size=5&delay_ms=20");
  var r2 = chunked.body.getReader({ mode: "byob" });
  var text = "";
  for (;;) {
    var s = await r2.read(new Uint8Array(3));
    if (s.done) break;
    text += String.fromCharCode.apply(null, s.value);
  }
  assert.sameValue(text, "aaaaabbbbb", "a chunked body through BYOB reads");
});
