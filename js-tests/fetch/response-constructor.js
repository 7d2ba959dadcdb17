/*---
description: >
  new Response(body, init) (Fetch §7.4): status (unsigned short; RangeError
  outside 200..599), statusText (a reason-phrase, else TypeError), headers;
  ok, redirected, type "default", url "". A null body status (204,
  205, 304) with a body is a TypeError (101 is a RangeError first). Expected values from node v20.
---*/

var r = new Response("x", { status: 201, statusText: "Created", headers: [["X-A", "1"]] });
assert.sameValue(r.status, 201, "status");
assert.sameValue(r.statusText, "Created", "statusText");
assert.sameValue(r.ok, true, "ok");
assert.sameValue(r.redirected, false, "redirected");
assert.sameValue(r.type, "default", "type");
assert.sameValue(r.url, "", "url");
assert.sameValue(r.headers.get("x-a"), "1", "headers");
assert.sameValue(r.headers, r.headers, "same Headers object each time");

var d = new Response();
assert.sameValue(d.status, 200, "default status");
assert.sameValue(d.statusText, "", "default statusText");
assert.sameValue(d.body, null, "default body");
assert.sameValue(new Response(null, { status: 404 }).ok, false, "404 not ok");
assert.sameValue(new Response(null, { status: 299 }).ok, true, "299 ok");
assert.sameValue(new Response(null, { status: "250" }).status, 250, "status converted with ToNumber");
assert.sameValue(new Response(null, { status: 65736 }).status, 200, "unsigned short wraps modulo 2^16");
assert.sameValue(new Response(null, { statusText: "caf\u00e9\tok" }).statusText, "caf\u00e9\tok", "obs-text and tab allowed");

[0, 199, 600, 1000, -1].forEach(function (status) {
  assert.throws(RangeError, function () { new Response(null, { status: status }); }, "status " + status);
});
["a\nb", "a\rb", "\u0000", "\u007f"].forEach(function (text) {
  assert.throws(TypeError, function () { new Response(null, { statusText: text }); }, "statusText " + JSON.stringify(text));
});
assert.throws(TypeError, function () { new Response(null, { statusText: "\u20ac" }); }, "not a ByteString");
assert.throws(RangeError, function () { new Response("", { status: 101 }); }, "101 is out of range before the body is checked");
[204, 205, 304].forEach(function (status) {
  assert.throws(TypeError, function () { new Response("", { status: status }); }, "body with status " + status);
});
assert.sameValue(new Response(null, { status: 204 }).status, 204, "204 without a body");
assert.throws(TypeError, function () { new Response(null, 5); }, "init not an object");
assert.throws(TypeError, function () { new Response(null, { headers: [["a"]] }); }, "bad headers");
assert.throws(TypeError, function () { Response(); }, "called without new");
assert.sameValue(Response.length, 0, "Response.length");
