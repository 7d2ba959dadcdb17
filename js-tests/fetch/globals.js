/*---
description: >
  The Headers, Request and Response globals (WebIDL interface objects):
  writable, configurable, not enumerable; replacing one does not change the
  classes the others use (a Response's headers stay Headers of the realm).
---*/

["Headers", "Request", "Response"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.sameValue(desc.enumerable, false, name + " not enumerable");
  assert.sameValue(desc.configurable, true, name + " configurable");
  assert.sameValue(typeof globalThis[name], "function", name + " is a function");
  assert.sameValue(globalThis[name], globalThis[name], name + " is the same object on each read");
});
var OriginalHeaders = Headers;
globalThis.Headers = undefined;
assert.sameValue(globalThis.Headers, undefined, "assignment replaces the global");
var r = new Response("x", { headers: { a: "1" } });
assert.sameValue(r.headers instanceof OriginalHeaders, true, "headers are the realm's Headers");
assert.sameValue(r.headers.get("a"), "1", "headers work");
globalThis.Headers = OriginalHeaders;
assert.sameValue(Headers, OriginalHeaders, "restored");
