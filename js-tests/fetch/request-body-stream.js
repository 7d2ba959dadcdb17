/*---
description: >
  A Request with a ReadableStream body (Fetch §7.3 new Request): without
  init.duplex "half" it is a TypeError, and "full" is a TypeError too
  (the RequestDuplex enum has only "half": WebIDL rejects other strings);
  a GET or HEAD with a body is
  a TypeError; the request keeps duplex "half". new Request(request) moves
  a stream body through a proxy (step 41): the input becomes used and its
  stream locked at once, the new request reads every chunk, lazily, and a
  second new Request(input) throws. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

function streamOf(chunks) {
  return new ReadableStream({
    start: function (c) {
      chunks.forEach(function (chunk) { c.enqueue(new Uint8Array(chunk)); });
      c.close();
    }
  });
}

asyncTest(async function () {
  var url = "http://example.test/";
  assert.throws(TypeError, function () {
    new Request(url, { method: "POST", body: streamOf([[1]]) });
  }, "a stream body without duplex");
  assert.throws(TypeError, function () {
    new Request(url, { method: "POST", body: streamOf([[1]]), duplex: "full" });
  }, "duplex full");
  assert.throws(TypeError, function () {
    new Request(url, { body: streamOf([[1]]), duplex: "half" });
  }, "a GET with a stream body");

  var input = new Request(url, { method: "POST", body: streamOf([[65], [66]]), duplex: "half" });
  assert.sameValue(input.duplex, "half");
  assert.sameValue(input.bodyUsed, false);
  var moved = new Request(input);
  assert.sameValue(input.bodyUsed, true, "the input's body is used once moved");
  assert.sameValue(input.body.locked, true, "and its stream locked");
  assert.sameValue(moved.bodyUsed, false, "the new request's body is fresh");
  assert.throws(TypeError, function () { new Request(input); }, "the input cannot be used again");
  assert.sameValue(await moved.text(), "AB", "every chunk arrives");

  var pulled = 0;
  var lazy = new ReadableStream({
    pull: function (c) {
      pulled++;
      c.enqueue(new Uint8Array([pulled]));
      if (pulled === 2) c.close();
    }
  }, { highWaterMark: 0 });
  var proxied = new Request(new Request(url, { method: "POST", body: lazy, duplex: "half" }));
  assert.compareArray(Array.from(new Uint8Array(await proxied.arrayBuffer())), [1, 2], "a pull source through the proxy");

  var withInit = new Request(new Request(url, { method: "POST", body: streamOf([[1]]), duplex: "half" }),
    { body: "replaced" });
  assert.sameValue(await withInit.text(), "replaced", "an init body replaces the input's stream");
});
