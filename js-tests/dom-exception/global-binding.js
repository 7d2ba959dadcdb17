/*---
description: >
  The DOMException global reads the same constructor every time, from
  functions too (a regression test: Boa's inline caches once returned the
  wrong value for a global built on first use), and assigning replaces it.
---*/

function read() { return DOMException; }
var first = read();
assert.sameValue(typeof first, "function");
assert.sameValue(read(), first);
assert.sameValue(read(), first);
function make() { return new DOMException("m", "AbortError").code; }
assert.sameValue(make(), 20);
assert.sameValue(make(), 20);
var desc = Object.getOwnPropertyDescriptor(globalThis, "DOMException");
assert.sameValue(desc.enumerable, false, "not enumerable");
assert.sameValue(desc.configurable, true, "configurable");
DOMException = 42;
assert.sameValue(read(), 42, "assignment replaces the global");
