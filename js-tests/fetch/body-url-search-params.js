/*---
description: >
  A URLSearchParams body is serialized as application/x-www-form-urlencoded
  with its charset (Fetch "extract a body"). Checked against node v20.
flags: [async]
---*/

var r = new Response(new URLSearchParams([["a", "1 2"], ["b", "&"]]));
assert.sameValue(r.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
r.text().then(function (text) {
  assert.sameValue(text, "a=1+2&b=%26");
}).then($DONE, $DONE);
