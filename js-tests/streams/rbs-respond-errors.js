/*---
description: >
  ReadableStreamBYOBRequest.respond (§4.8.3, §4.9.5 Respond): more bytes
  than the view holds is a RangeError; 0 on a readable stream is a
  TypeError; after close, respond(0) fulfills the read with done and an
  empty view, and a non-zero respond is a TypeError; an invalidated
  request's respond is a TypeError.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var controller;
  var rs = new ReadableStream({ type: "bytes", start: function (c) { controller = c; } });
  var reader = rs.getReader({ mode: "byob" });
  var pending = reader.read(new Uint8Array(4));
  var req = controller.byobRequest;
  assert.throws(RangeError, function () { req.respond(5); });
  assert.throws(TypeError, function () { req.respond(0); });
  assert.throws(TypeError, function () { req.respond(); }, "required argument");
  controller.close();
  assert.throws(TypeError, function () { controller.byobRequest.respond(1); }, "closed: only 0");
  var same = controller.byobRequest;
  same.respond(0);
  var r = await pending;
  assert.sameValue(r.done, true);
  assert(r.value instanceof Uint8Array);
  assert.sameValue(r.value.byteLength, 0);
  assert.sameValue(r.value.buffer.byteLength, 4, "the buffer comes back");
  assert.throws(TypeError, function () { same.respond(0); }, "invalidated");
  assert.throws(TypeError, function () { new ReadableStreamBYOBRequest(); });
});
