/*---
description: >
  Order of settlement on close (Streams §4.9.3 ReadableStreamClose): the
  reader's closed promise is resolved before the pending read requests
  get { done: true }, so closed's reaction runs first.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } });
  var reader = rs.getReader();
  var log = [];
  var read = reader.read().then(function () { log.push("read"); });
  var closed = reader.closed.then(function () { log.push("closed"); });
  c.close();
  await Promise.all([read, closed]);
  assert.compareArray(log, ["closed", "read"]);

  var c2;
  var rs2 = new ReadableStream({ start: function (ctl) { c2 = ctl; } });
  var r2 = rs2.getReader();
  var log2 = [];
  var pr = r2.read().then(null, function () { log2.push("read"); });
  var pc = r2.closed.then(null, function () { log2.push("closed"); });
  c2.error(new Error("x"));
  await Promise.all([pr, pc]);
  assert.compareArray(log2, ["closed", "read"], "errors: closed first too");
});
