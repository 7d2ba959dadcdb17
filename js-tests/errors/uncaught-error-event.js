/*---
description: >
  An exception thrown by a timer callback or a queueMicrotask callback
  fires an ErrorEvent at the global object; preventDefault() handles it
  and the event loop goes on (deno 2 does the same). An error listener that
  does not cancel does not stop the other from handling it. The event is
  trusted, as events the user agent fires are (DOM "fire an event"); deno 2
  gives isTrusted false, the one difference there.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

var seen = [];
addEventListener("error", function (event) { seen.push("first:" + event.error.message); });
addEventListener("error", function (event) {
  seen.push(event.message);
  assert.sameValue(event.isTrusted, true, "isTrusted");
  event.preventDefault();
});

asyncTest(async function () {
  setTimeout(function () { throw new TypeError("in a timer"); }, 0);
  queueMicrotask(function () { throw new RangeError("in a microtask"); });
  await new Promise(function (resolve) { setTimeout(resolve, 20); });
  assert.compareArray(seen, [
    "first:in a microtask", "Uncaught RangeError: in a microtask",
    "first:in a timer", "Uncaught TypeError: in a timer",
  ], "both reported, then the loop went on");
});
