/*---
description: >
  Headers append/delete/get/getSetCookie/has/set (Fetch §5.2): names are
  case-insensitive, get() combines the values of a name with ", ",
  set() replaces all values, getSetCookie() lists set-cookie values
  separately. Expected values from node v20.
includes: [compareArray.js]
---*/

var h = new Headers();
h.append("Accept", "text/html");
h.append("accept", "application/json");
assert.sameValue(h.get("ACCEPT"), "text/html, application/json", "combined with comma-space");
assert.sameValue(h.has("AcCePt"), true, "has is case-insensitive");
assert.sameValue(h.get("missing"), null, "missing name is null");
assert.sameValue(h.has("missing"), false, "has missing");

h.set("ACCEPT", "*/*");
assert.sameValue(h.get("accept"), "*/*", "set replaces every value");
assert.compareArray([...h.keys()], ["accept"], "only one entry left");

h.delete("Accept");
assert.sameValue(h.has("accept"), false, "delete");
h.delete("never-there");

h.append("Set-Cookie", "a=1");
h.append("set-cookie", "b=2");
assert.sameValue(h.get("set-cookie"), "a=1, b=2", "get combines set-cookie too");
assert.compareArray(h.getSetCookie(), ["a=1", "b=2"], "getSetCookie keeps them apart");
assert.compareArray(new Headers().getSetCookie(), [], "no set-cookie");

assert.sameValue(h.append("x", "1"), undefined, "append returns undefined");
assert.sameValue(h.set("x", "2"), undefined, "set returns undefined");
assert.sameValue(h.delete("x"), undefined, "delete returns undefined");
