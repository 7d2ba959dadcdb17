/*---
description: >
  A rejection without a handler at the end of a microtask checkpoint fires
  a trusted, cancelable PromiseRejectionEvent "unhandledrejection" at the
  global object (HTML §8.1.4.8); preventDefault() marks it handled and the
  loop goes on. A handler attached later fires "rejectionhandled" with the
  same promise and reason, after that handler ran. As in deno 2, but for
  isTrusted: true here as for any event the user agent fires (DOM "fire an
  event"), false in deno 2.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var log = [];
var events = [];
addEventListener("unhandledrejection", function (event) {
  events.push(event);
  log.push("unhandledrejection:" + event.reason.message);
  event.preventDefault();
});
addEventListener("rejectionhandled", function (event) {
  events.push(event);
  log.push("rejectionhandled:" + event.reason.message);
});

asyncTest(async function () {
  var reason = new Error("nope");
  var p = Promise.reject(reason);
  var handled = Promise.reject(new Error("handled at once"));
  handled.catch(function () {});
  await new Promise(function (resolve) { setTimeout(resolve, 10); });
  assert.compareArray(log, ["unhandledrejection:nope"], "one event, for the promise without a handler");
  var event = events[0];
  assert(event instanceof PromiseRejectionEvent, "a PromiseRejectionEvent");
  assert.sameValue(event.promise, p, "promise");
  assert.sameValue(event.reason, reason, "reason");
  assert.sameValue(event.cancelable, true, "cancelable");
  assert.sameValue(event.isTrusted, true, "isTrusted");
  assert.sameValue(event.target, globalThis, "target");

  p.catch(function () { log.push("caught late"); });
  await new Promise(function (resolve) { setTimeout(resolve, 10); });
  assert.compareArray(log, ["unhandledrejection:nope", "caught late", "rejectionhandled:nope"], "rejectionhandled after the late handler");
  assert.sameValue(events[1].promise, p, "rejectionhandled: the same promise");
  assert.sameValue(events[1].cancelable, false, "rejectionhandled is not cancelable");
});
