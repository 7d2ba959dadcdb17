/*---
description: >
  The async iterator of a ReadableStream (WebIDL §3.7.10): its prototype
  inherits from %AsyncIteratorPrototype%, has next and return and the
  toStringTag "ReadableStream AsyncIterator"; return(value) resolves
  { value, done: true } and cancels with value; next() after that is done.
  next on another object rejects with a TypeError. (node v20 has no
  toStringTag there; this follows WebIDL §3.7.10.1.)
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var reasons = [];
  var rs = new ReadableStream({
    start: function (c) { c.enqueue(1); },
    cancel: function (r) { reasons.push(r); },
  });
  var it = rs[Symbol.asyncIterator]();
  var proto = Object.getPrototypeOf(it);
  var AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  assert.sameValue(Object.getPrototypeOf(proto), AsyncIteratorPrototype);
  assert.sameValue(proto[Symbol.toStringTag], "ReadableStream AsyncIterator");
  assert.sameValue(typeof proto.next, "function");
  assert.sameValue(typeof proto.return, "function");
  assert.sameValue(rs.locked, true, "values() takes a reader");
  var first = await it.next();
  assert.sameValue(first.value, 1);
  assert.sameValue(first.done, false);
  var ret = await it.return("bye");
  assert.sameValue(ret.value, "bye");
  assert.sameValue(ret.done, true);
  assert.sameValue(reasons[0], "bye", "return cancels with its argument");
  var after = await it.next();
  assert.sameValue(after.done, true);
  assert.sameValue(after.value, undefined);
  await assert.throwsAsync(TypeError, function () { return proto.next.call({}); });
});
