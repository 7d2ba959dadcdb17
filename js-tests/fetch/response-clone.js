/*---
description: >
  Response.prototype.clone (Fetch §7.4): the clone has the same status,
  statusText, type and a copy of the headers; both bodies can be read
  independently; cloning a used body is a TypeError. Expected values from
  node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var r = new Response("body", { status: 203, statusText: "NA", headers: { "X-A": "1" } });
  var c = r.clone();
  assert.sameValue(c.status, 203, "status");
  assert.sameValue(c.statusText, "NA", "statusText");
  assert.notSameValue(c.headers, r.headers, "headers copied");
  c.headers.set("x-a", "2");
  assert.sameValue(r.headers.get("x-a"), "1", "original headers untouched");
  assert.sameValue(await r.text(), "body", "original body");
  assert.sameValue(c.bodyUsed, false, "clone unused after the original is read");
  assert.sameValue(await c.text(), "body", "clone body");
  assert.throws(TypeError, function () { r.clone(); }, "clone of a used body");
  var again = new Response("x");
  var first = again.clone();
  var second = again.clone();
  assert.compareArray(Array.from(await first.bytes()), [120], "first clone");
  assert.compareArray(Array.from(await second.bytes()), [120], "second clone");
  var none = new Response();
  await none.text();
  assert.sameValue(none.clone().body, null, "a response without a body clones after a read");
});
