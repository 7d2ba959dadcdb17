/*---
description: >
  With a BYOB read pending, pull sees controller.byobRequest whose view is
  the unfilled part of the reader's buffer; respond(n) fulfills the read
  with the first n bytes; a pending read is fulfilled by respond without
  any enqueue.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var views = [];
  var rs = new ReadableStream({
    type: "bytes",
    pull: function (c) {
      var req = c.byobRequest;
      assert(req instanceof ReadableStreamBYOBRequest);
      views.push([req.view.constructor.name, req.view.byteOffset, req.view.byteLength]);
      req.view[0] = 0xab;
      req.view[1] = 0xcd;
      req.respond(2);
      assert.sameValue(req.view, null, "respond invalidates the request");
      assert.sameValue(c.byobRequest, null);
    },
  });
  var reader = rs.getReader({ mode: "byob" });
  var r = await reader.read(new Uint8Array(new ArrayBuffer(10), 3, 5));
  assert.compareArray(Array.from(r.value), [0xab, 0xcd]);
  assert.sameValue(r.value.byteOffset, 3);
  assert.compareArray(views[0], ["Uint8Array", 3, 5]);
});
