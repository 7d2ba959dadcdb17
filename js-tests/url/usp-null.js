/*---
description: >
  new URLSearchParams(null) converts null with ToString, as WebIDL's union
  conversion says (null is not an object, so neither the sequence nor the
  record branch applies) and as browsers and deno do: the list is
  [["null", ""]]. This test follows the specification: node v20 special-cases
  null to an empty list instead.
---*/

var params = new URLSearchParams(null);
assert.sameValue(params.toString(), "null=", "null is the string null");
assert.sameValue(params.get("null"), "", "one pair");
