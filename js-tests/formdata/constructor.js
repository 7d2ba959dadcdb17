/*---
description: >
  new FormData() is empty. Its first argument is an optional
  HTMLFormElement; there is no DOM in this runtime, so any value other
  than undefined fails the WebIDL conversion with a TypeError (as in node
  v20). FormData called without new is a TypeError.
---*/
var fd = new FormData();
assert.sameValue(fd.has("a"), false);
assert.sameValue(Array.from(fd).length, 0);
assert.sameValue(Array.from(new FormData(undefined)).length, 0);
assert.throws(TypeError, function () { new FormData(null); }, "null");
assert.throws(TypeError, function () { new FormData({}); }, "a plain object");
assert.throws(TypeError, function () { new FormData({ tagName: "FORM", elements: [] }); }, "a form look-alike");
assert.throws(TypeError, function () { new FormData(new FormData()); }, "another FormData");
assert.throws(TypeError, function () { FormData(); }, "without new");
