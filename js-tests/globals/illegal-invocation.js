/*---
description: >
  Every native interface words a failed brand check the same way (the
  WebIDL layer, src/web/webidl.rs): a TypeError whose message starts with
  "Illegal invocation", as deno and browsers say it, and names the member
  and the interface. Argument counts read "N argument(s) required".
includes: [compareArray.js]
---*/
function messageOf(f) {
  try {
    f();
  } catch (e) {
    assert(e instanceof TypeError, "a TypeError: " + e);
    return e.message;
  }
  throw new Test262Error("no error thrown");
}
var cases = [
  [function () { URL.prototype.toString.call({}); }, "URL.prototype.toString"],
  [function () { Object.getOwnPropertyDescriptor(URL.prototype, "pathname").get.call({}); }, "URL.prototype.pathname"],
  [function () { URLSearchParams.prototype.get.call({}, "a"); }, "URLSearchParams.prototype.get"],
  [function () { new URLSearchParams().keys().next.call({}); }, "URLSearchParams Iterator.prototype.next"],
  [function () { Headers.prototype.get.call({}, "a"); }, "Headers.prototype.get"],
  [function () { new Headers().keys().next.call({}); }, "Headers Iterator.prototype.next"],
  [function () { Object.getOwnPropertyDescriptor(Response.prototype, "status").get.call({}); }, "Response.prototype.status"],
  [function () { Blob.prototype.slice.call({}); }, "Blob.prototype.slice"],
  [function () { FormData.prototype.get.call({}, "a"); }, "FormData.prototype.get"],
  [function () { TextEncoder.prototype.encode.call({}, "a"); }, "TextEncoder.prototype.encode"],
  [function () { URLPattern.prototype.test.call({}); }, "URLPattern.prototype.test"],
];
for (var i = 0; i < cases.length; i++) {
  var message = messageOf(cases[i][0]);
  assert.sameValue(message.indexOf("Illegal invocation"), 0, message);
  assert(message.indexOf(cases[i][1]) !== -1, "names " + cases[i][1] + ": " + message);
}
var counts = messageOf(function () { new URLSearchParams().append("a"); });
assert.sameValue(counts, "URLSearchParams.prototype.append: 2 arguments required, but only 1 present");
assert.sameValue(messageOf(function () { new URL(); }), "URL constructor: 1 argument required, but only 0 present");
