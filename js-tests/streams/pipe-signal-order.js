/*---
description: >
  Aborting a pipe's signal (§4.9.1 ReadableStreamPipeTo step 14): the
  destination's abort is started before the source's cancel, both with
  the signal's reason; pipeTo rejects after both settle; chunks already
  written stay written.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
asyncTest(async function () {
  var log = [];
  var c;
  var rs = new ReadableStream({
    start: function (x) { c = x; },
    cancel: function (r) { log.push("cancel " + r); },
  });
  var ws = new WritableStream({
    write: function (chunk) { log.push("write " + chunk); },
    abort: function (r) { log.push("abort " + r); },
  });
  var ac = new AbortController();
  var p = rs.pipeTo(ws, { signal: ac.signal });
  c.enqueue("a");
  await new Promise(function (r) { setTimeout(r, 5); });
  ac.abort("R");
  var caught;
  await p.then(null, function (e) { caught = e; });
  assert.sameValue(caught, "R");
  assert.compareArray(log, ["write a", "abort R", "cancel R"]);
});
