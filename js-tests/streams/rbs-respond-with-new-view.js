/*---
description: >
  respondWithNewView(view) (§4.9.5): the view must be over the request's
  buffer (same length: RangeError otherwise), start where the request's
  view starts (RangeError otherwise) and not be larger (RangeError); an
  empty view on a readable stream is a TypeError; a good view fulfills the
  read.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var controller;
  var rs = new ReadableStream({ type: "bytes", start: function (c) { controller = c; } });
  var reader = rs.getReader({ mode: "byob" });
  var pending = reader.read(new Uint8Array(new ArrayBuffer(8), 2, 4));
  var req = controller.byobRequest;
  var view = req.view;
  assert.throws(RangeError, function () { req.respondWithNewView(new Uint8Array(new ArrayBuffer(9), 2, 1)); }, "wrong buffer length");
  assert.throws(RangeError, function () { req.respondWithNewView(new Uint8Array(view.buffer, 3, 1)); }, "wrong offset");
  assert.throws(RangeError, function () { req.respondWithNewView(new Uint8Array(view.buffer, 2, 5)); }, "too long");
  assert.throws(TypeError, function () { req.respondWithNewView(new Uint8Array(view.buffer, 2, 0)); }, "empty");
  assert.throws(TypeError, function () { req.respondWithNewView(new ArrayBuffer(8)); }, "not a view");
  var replacement = new Uint8Array(view.buffer, 2, 2);
  replacement.set([4, 2]);
  req.respondWithNewView(replacement);
  var r = await pending;
  assert.compareArray(Array.from(r.value), [4, 2]);
});
