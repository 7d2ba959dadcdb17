/*---
description: >
  ReadableByteStreamController.enqueue: not an ArrayBufferView, an empty
  view, a view of a detached buffer are TypeErrors; enqueue or close
  after close is a TypeError; close with a BYOB read holding a partial
  element (1 byte of a Uint16Array) errors the stream with a TypeError.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var c;
  new ReadableStream({ type: "bytes", start: function (ctl) { c = ctl; } });
  assert.throws(TypeError, function () { c.enqueue("str"); });
  assert.throws(TypeError, function () { c.enqueue(new ArrayBuffer(2)); });
  assert.throws(TypeError, function () { c.enqueue(new Uint8Array(0)); });
  assert.throws(TypeError, function () { c.enqueue(); });
  var d = new Uint8Array(2);
  structuredClone(d.buffer, { transfer: [d.buffer] });
  assert.throws(TypeError, function () { c.enqueue(d); }, "detached");
  c.close();
  assert.throws(TypeError, function () { c.enqueue(new Uint8Array(1)); }, "after close");
  assert.throws(TypeError, function () { c.close(); }, "close twice");
  assert.sameValue(ReadableByteStreamController.prototype.enqueue.length, 1);

  var c2;
  var rs = new ReadableStream({ type: "bytes", start: function (ctl) { c2 = ctl; } });
  var reader = rs.getReader({ mode: "byob" });
  var pending = reader.read(new Uint16Array(2));
  c2.byobRequest.view[0] = 1;
  c2.byobRequest.respond(1);
  assert.throws(TypeError, function () { c2.close(); }, "a partial element");
  await assert.throwsAsync(TypeError, function () { return pending; });
  await assert.throwsAsync(TypeError, function () { return reader.closed; });
});
