/*---
description: >
  reportError(e) (HTML, WindowOrWorkerGlobalScope) fires a trusted, cancelable ErrorEvent at
  the global object, synchronously; a listener that calls preventDefault()
  handles the error and the script goes on (exit 0). message is "Uncaught "
  and the error, filename/lineno/colno where the error was made (for a
  value without a stack, where reportError was called), as in deno 2
  (which gives isTrusted false; true here, as DOM "fire an event" says).
---*/

var seen = [];
addEventListener("error", function (event) {
  seen.push(event);
  event.preventDefault();
});
// The line this statement is on, from a stack made here (the harness may
// add lines before the test).
function lineOf(error) { return Number(/:(\d+):\d+/.exec(error.stack)[1]); }
var error = new RangeError("reported"), here = lineOf(new Error());
var result = reportError(error);
assert.sameValue(result, undefined, "reportError returns undefined");
assert.sameValue(seen.length, 1, "the listener ran before reportError returned");
var event = seen[0];
assert(event instanceof ErrorEvent, "an ErrorEvent");
assert.sameValue(event.type, "error", "type");
assert.sameValue(event.error, error, "error");
assert.sameValue(event.message, "Uncaught RangeError: reported", "message");
assert(/report-error-event\.js$/.test(event.filename), "filename: " + event.filename);
assert.sameValue(event.lineno, here, "lineno: the line of new RangeError");
assert.sameValue(typeof event.colno, "number", "colno");
assert.sameValue(event.cancelable, true, "cancelable");
assert.sameValue(event.isTrusted, true, "isTrusted");
assert.sameValue(event.bubbles, false, "bubbles");
assert.sameValue(event.target, globalThis, "target");
assert.sameValue(event.defaultPrevented, true, "defaultPrevented");

reportError("a string"); here = lineOf(new Error());
assert.sameValue(seen.length, 2, "a second report");
assert.sameValue(seen[1].error, "a string", "any value");
assert.sameValue(seen[1].lineno, here, "a value without a stack: the line of the reportError call");
