/*---
description: >
  A reader's closed promise: fulfilled with undefined when the stream
  closes; already fulfilled for a reader of a closed stream; rejected with
  the stored error for a reader of an errored stream; the same promise each
  time it is read.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  var rs = new ReadableStream({ start: function (ctl) { c = ctl; } });
  var reader = rs.getReader();
  assert.sameValue(reader.closed, reader.closed, "same promise");
  c.close();
  assert.sameValue(await reader.closed, undefined);
  var closedStream = new ReadableStream({ start: function (ctl) { ctl.close(); } });
  assert.sameValue(await closedStream.getReader().closed, undefined);
  var err = new Error("e");
  var erroredStream = new ReadableStream({ start: function (ctl) { ctl.error(err); } });
  var caught;
  await erroredStream.getReader().closed.then(null, function (e) { caught = e; });
  assert.sameValue(caught, err);
  await assert.throwsAsync(TypeError, function () {
    return Object.getOwnPropertyDescriptor(ReadableStreamDefaultReader.prototype, "closed").get.call({});
  }, "brand check rejects");
});
