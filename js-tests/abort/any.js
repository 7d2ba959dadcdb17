/*---
description: >
  AbortSignal.any(signals) (DOM §3.2 "create a dependent abort signal"):
  aborted at once with the first aborted input's reason; otherwise aborts
  with the first source to abort, after that source's own listeners; a
  dependent of a dependent follows the original sources; any([]) never
  aborts; the argument must be an iterable of AbortSignals.
includes: [compareArray.js]
---*/

var a = new AbortController();
var b = new AbortController();
var any = AbortSignal.any([a.signal, b.signal]);
assert.sameValue(any.aborted, false);
var log = [];
a.signal.addEventListener("abort", function () { log.push("a"); });
any.addEventListener("abort", function (e) { log.push("any:" + any.reason + ":" + e.isTrusted); });
b.signal.addEventListener("abort", function () { log.push("b"); });
b.abort("B");
a.abort("A");
assert.compareArray(log, ["b", "any:B:true", "a"]);
assert.sameValue(any.reason, "B");

var aborted = AbortSignal.abort("first");
var other = AbortSignal.abort("second");
var pre = AbortSignal.any([new AbortController().signal, aborted, other]);
assert.sameValue(pre.aborted, true, "already aborted input");
assert.sameValue(pre.reason, "first", "the first aborted input's reason");

var c = new AbortController();
var dep1 = AbortSignal.any([c.signal]);
var dep2 = AbortSignal.any([dep1]);
log = [];
dep1.onabort = function () { log.push("dep1"); };
dep2.onabort = function () { log.push("dep2"); };
var reason = new Error("r");
c.abort(reason);
assert.compareArray(log, ["dep1", "dep2"]);
assert.sameValue(dep2.reason, reason, "same reason object");

var never = AbortSignal.any([]);
assert.sameValue(never.aborted, false);
var same = new AbortController();
var twice = AbortSignal.any([same.signal, same.signal]);
var count = 0;
twice.onabort = function () { count++; };
same.abort();
assert.sameValue(count, 1, "one event for a repeated source");

// Any iterable works.
var set = new Set([new AbortController().signal]);
assert.sameValue(AbortSignal.any(set).aborted, false);
assert.throws(TypeError, function () { AbortSignal.any(); }, "missing argument");
assert.throws(TypeError, function () { AbortSignal.any(a.signal); }, "a signal is not iterable");
assert.throws(TypeError, function () { AbortSignal.any([a.signal, {}]); }, "a non-signal item");
assert.throws(TypeError, function () { AbortSignal.any([new AbortController()]); }, "a controller");
assert.throws(TypeError, function () { AbortSignal.any(null); }, "null");
