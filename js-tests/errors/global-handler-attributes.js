/*---
description: >
  The global's event handler attributes (HTML §8.1.8.1-8.1.8.2, listed by
  the WinterTC Minimum Common API): onerror, onunhandledrejection and
  onrejectionhandled are enumerable, configurable accessors of the global,
  null until set; a function becomes the handler, a non-object value
  (null, a string) removes it and reads back as null. onerror is an
  OnErrorEventHandler: for the global's ErrorEvent it is called with
  (message, filename, lineno, colno, error) and a return value of true
  handles the error (the test would fail with an uncaught error
  otherwise). onunhandledrejection gets the PromiseRejectionEvent, and
  preventDefault() handles the rejection. Deno 2.9 calls onerror with the
  event and ignores its return value; this test follows HTML.
includes: [asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  ["onerror", "onunhandledrejection", "onrejectionhandled"].forEach(function (name) {
    var desc = Object.getOwnPropertyDescriptor(globalThis, name);
    assert.sameValue(typeof desc.get, "function", name + " is an accessor");
    assert.sameValue(desc.enumerable, true, name + " is enumerable");
    assert.sameValue(desc.configurable, true, name + " is configurable");
    assert.sameValue(globalThis[name], null, name + " starts null");
  });

  var calls = [];
  function onError(message, filename, lineno, colno, error) {
    calls.push({ message: message, filename: filename, lineno: lineno, colno: colno, error: error, args: arguments.length });
    return true;
  }
  globalThis.onerror = onError;
  assert.sameValue(globalThis.onerror, onError, "the handler reads back");
  var thrown = new Error("from a timer");
  await new Promise(function (resolve) {
    setTimeout(function () { throw thrown; }, 0);
    setTimeout(resolve, 10);
  });
  assert.sameValue(calls.length, 1, "onerror ran once");
  assert.sameValue(calls[0].args, 5, "with five arguments");
  assert.sameValue(calls[0].error, thrown, "the error");
  assert.sameValue(typeof calls[0].message, "string");
  assert(calls[0].message.indexOf("from a timer") >= 0, "the message names the error: " + calls[0].message);
  assert.sameValue(typeof calls[0].lineno, "number");

  var events = [];
  globalThis.onunhandledrejection = function (event) {
    events.push(event);
    event.preventDefault();
  };
  var reason = new Error("nobody catches this");
  Promise.reject(reason);
  await new Promise(function (resolve) { setTimeout(resolve, 10); });
  assert.sameValue(events.length, 1, "onunhandledrejection ran once");
  assert(events[0] instanceof PromiseRejectionEvent, "with a PromiseRejectionEvent");
  assert.sameValue(events[0].reason, reason);

  globalThis.onerror = "not a function";
  assert.sameValue(globalThis.onerror, null, "a non-object removes the handler");
  globalThis.onunhandledrejection = null;
  assert.sameValue(globalThis.onunhandledrejection, null);
});
