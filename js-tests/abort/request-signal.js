/*---
description: >
  A Request's signal (Fetch §7.3): always an AbortSignal that follows the
  init's or the input Request's signal (a dependent signal), a clone's
  follows the original's, and a signal that is not an AbortSignal (or null)
  is a TypeError; null follows nothing.
---*/

var plain = new Request("http://x.test/");
assert(plain.signal instanceof AbortSignal, "a signal without init");
assert.sameValue(plain.signal, plain.signal, "the same signal each time");
assert.sameValue(plain.signal.aborted, false);

var c = new AbortController();
var r = new Request("http://x.test/", { signal: c.signal });
assert.notSameValue(r.signal, c.signal, "a new signal that follows");
var fromRequest = new Request(r);
var clone = r.clone();
var unlinked = new Request(r, { signal: null });
var events = 0;
r.signal.onabort = function () { events++; };
c.abort("stop");
assert.sameValue(r.signal.aborted, true);
assert.sameValue(r.signal.reason, "stop");
assert.sameValue(events, 1);
assert.sameValue(fromRequest.signal.reason, "stop", "a Request from a Request follows it");
assert.sameValue(clone.signal.reason, "stop", "a clone follows the original");
assert.sameValue(unlinked.signal.aborted, false, "signal: null follows nothing");

var pre = new Request("http://x.test/", { signal: AbortSignal.abort("early") });
assert.sameValue(pre.signal.aborted, true);
assert.sameValue(pre.signal.reason, "early");

[{}, 1, "signal", new AbortController(), new EventTarget()].forEach(function (bad) {
  assert.throws(TypeError, function () { new Request("http://x.test/", { signal: bad }); }, String(bad));
});
assert.sameValue(new Request("http://x.test/", { signal: undefined }).signal.aborted, false);
