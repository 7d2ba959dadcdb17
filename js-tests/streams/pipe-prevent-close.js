/*---
description: >
  pipeTo with preventClose leaves the destination open (writable, its
  close not called) after the source closes; the destination can be
  written to afterwards.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var ws = new WritableStream({
    write: function (c) { log.push(c); },
    close: function () { log.push("close"); },
  });
  await ReadableStream.from(["x"]).pipeTo(ws, { preventClose: true });
  assert.compareArray(log, ["x"]);
  var w = ws.getWriter();
  await w.write("after");
  await w.close();
  assert.compareArray(log, ["x", "after", "close"]);
});
