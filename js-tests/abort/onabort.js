/*---
description: >
  onabort is an event handler IDL attribute (HTML §8.1.8.1): null at
  first; a non-object is stored as null ([LegacyTreatNonObjectAsNull]),
  any object is kept; the handler runs at the position in the listener
  list where it was first set, replacing it keeps that position, setting
  null removes it and setting again appends it. `this` is the signal; a
  non-callable object is skipped.
includes: [compareArray.js]
---*/

var c = new AbortController();
var s = c.signal;
var log = [];
assert.sameValue(s.onabort, null);
s.addEventListener("abort", function () { log.push("before"); });
s.onabort = function () { log.push("first handler"); };
s.addEventListener("abort", function () { log.push("after"); });
var handler = function () { log.push(["handler", this === s].join()); };
s.onabort = handler;
assert.sameValue(s.onabort, handler);
c.abort();
assert.compareArray(log, ["before", "handler,true", "after"], "position of the first set");

var c2 = new AbortController();
var s2 = c2.signal;
log = [];
s2.onabort = function () { log.push("h"); };
s2.addEventListener("abort", function () { log.push("l"); });
s2.onabort = null;
assert.sameValue(s2.onabort, null);
s2.onabort = function () { log.push("h2"); };
c2.abort();
assert.compareArray(log, ["l", "h2"], "null removes, setting again appends");

var s3 = new AbortController().signal;
var f = function () {};
s3.onabort = f;
s3.onabort = 1;
assert.sameValue(s3.onabort, null, "a number is null");
s3.onabort = f;
s3.onabort = "code";
assert.sameValue(s3.onabort, null, "a string is null (no eval)");
var obj = {};
s3.onabort = obj;
assert.sameValue(s3.onabort, obj, "an object is kept");

var c4 = new AbortController();
log = [];
c4.signal.onabort = { handleEvent: function () { log.push("not called"); } };
c4.signal.addEventListener("abort", function () { log.push("listener"); });
c4.abort();
assert.compareArray(log, ["listener"], "a non-callable handler is skipped");
