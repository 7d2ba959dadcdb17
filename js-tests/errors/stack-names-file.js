/*---
description: >
  error.stack is a string that names the file the error was created in
  (a de-facto standard: V8, SpiderMonkey and JSC all include the file).
---*/

function inner() {
  return new Error("boom");
}
var error = inner();
assert.sameValue(typeof error.stack, "string", "stack is a string");
assert(error.stack.indexOf("stack-names-file.js") !== -1,
  "stack names the file: " + error.stack);
assert(error.stack.indexOf("boom") !== -1 || error.stack.indexOf("inner") !== -1,
  "stack mentions the message or the function: " + error.stack);
