/*---
description: >
  Request and Response as WebIDL interfaces: every getter and method
  brand-checks its receiver (TypeError; promise-returning methods reject),
  Symbol.toStringTag, enumerable members and statics. Follows the spec
  where node v20 differs: its Request.prototype.credentials getter does not
  brand-check.
includes: [asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  [[Request, "Request"], [Response, "Response"]].forEach(function (pair) {
    var C = pair[0];
    var name = pair[1];
    assert.sameValue(C.prototype[Symbol.toStringTag], name, name + " toStringTag");
    Object.getOwnPropertyNames(C.prototype).forEach(function (key) {
      if (key === "constructor") return;
      var desc = Object.getOwnPropertyDescriptor(C.prototype, key);
      assert.sameValue(desc.enumerable, true, name + "." + key + " enumerable");
      var other = C === Request ? new Response() : new Request("http://x/");
      if (desc.get) {
        assert.throws(TypeError, function () { desc.get.call({}); }, name + "." + key + " getter on {}");
        assert.throws(TypeError, function () { desc.get.call(other); }, name + "." + key + " getter on the other class");
      }
    });
    var global = Object.getOwnPropertyDescriptor(globalThis, name);
    assert.sameValue(global.enumerable, false, name + " global not enumerable");
  });
  assert.sameValue(Object.prototype.toString.call(new Request("http://x/")), "[object Request]", "Request tag");
  assert.sameValue(Object.prototype.toString.call(new Response()), "[object Response]", "Response tag");
  assert.throws(TypeError, function () { Response.prototype.clone.call(new Request("http://x/")); }, "Response clone brand");
  assert.throws(TypeError, function () { Request.prototype.clone.call(new Response()); }, "Request clone brand");
  var methods = ["text", "json", "arrayBuffer", "bytes"];
  for (var i = 0; i < methods.length; i++) {
    await assert.throwsAsync(TypeError, function () { return Response.prototype[methods[i]].call({}); }, methods[i] + " brand");
    await assert.throwsAsync(TypeError, function () { return Request.prototype[methods[i]].call(new Response()); }, methods[i] + " cross brand");
  }
  ["error", "redirect", "json"].forEach(function (key) {
    assert.sameValue(Object.getOwnPropertyDescriptor(Response, key).enumerable, true, "Response." + key + " enumerable");
  });
});
