/*---
description: >
  An exception thrown a few frames deep by a getter of a RequestInit or of
  a HeadersInit record reaches the caller of new Request() and rejects the
  promise of fetch(), and leaves the caller's expression intact (an
  enclosing call still gets its other arguments). boa_engine 0.22 once
  lost its value stack when such an exception unwound into a native
  caller.
flags: [async]
---*/

function thrower() { throw new RangeError("deep"); }
function mid() { return [1].map(function () { return thrower(); })[0]; }
function pair(x, y) { return [x, y]; }

var p = pair(fetch("http://x.test/", { get headers() { return mid(); } }), 42);
assert.sameValue(p[1], 42, "the enclosing call's other argument");
var q = pair(fetch("http://x.test/", { headers: { get a() { return mid(); } } }), 7);
assert.sameValue(q[1], 7, "a record getter");
assert.throws(RangeError, function () {
  pair(new Request("http://x.test/", { get method() { return mid(); } }), 1);
}, "new Request");
assert.throws(RangeError, function () {
  pair(new Response("", { headers: { get a() { return mid(); } } }), 1);
}, "new Response");

p[0].then(function () { throw new Test262Error("fulfilled"); }, function (e) {
  assert.sameValue(e.constructor, RangeError, "fetch rejects with the getter's exception");
  return q[0];
}).then(function () { throw new Test262Error("fulfilled"); }, function (e) {
  assert.sameValue(e.constructor, RangeError, "record getter exception");
}).then($DONE, $DONE);
