/*---
description: >
  Response.json(data, init), Response.redirect(url, status = 302) and
  Response.error() (Fetch §7.4). redirect needs an absolute URL (there is
  no base URL in a script runtime, as in Deno) and a redirect status
  (RangeError otherwise); its headers and those of error() are immutable.
  Expected values from node v20.
includes: [asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var j = Response.json({ a: 1 }, { status: 202, headers: { "X-A": "1" } });
  assert.sameValue(j.status, 202, "json status");
  assert.sameValue(j.headers.get("content-type"), "application/json", "json content type");
  assert.sameValue(j.headers.get("x-a"), "1", "json headers");
  assert.sameValue(await j.text(), "{\"a\":1}", "json body");
  var typed = Response.json(1, { headers: { "content-type": "text/x" } });
  assert.sameValue(typed.headers.get("content-type"), "text/x", "given content type kept");
  assert.throws(TypeError, function () { Response.json(undefined); }, "undefined is not serializable");
  assert.throws(TypeError, function () { Response.json(function () {}); }, "a function is not serializable");
  assert.throws(TypeError, function () { Response.json(1n); }, "BigInt throws from JSON.stringify");
  assert.throws(RangeError, function () { Response.json(1, { status: 100 }); }, "json status range");
  assert.throws(TypeError, function () { Response.json(1, { status: 204 }); }, "json null body status");

  var r = Response.redirect("http://example.com/a b");
  assert.sameValue(r.status, 302, "default redirect status");
  assert.sameValue(r.headers.get("location"), "http://example.com/a%20b", "serialized URL");
  assert.sameValue(r.type, "default", "redirect type");
  assert.sameValue(r.body, null, "redirect body");
  assert.sameValue(Response.redirect(new URL("https://x.test"), 308).headers.get("location"), "https://x.test/", "URL object");
  [301, 302, 303, 307, 308].forEach(function (status) {
    assert.sameValue(Response.redirect("http://x.test/", status).status, status, "status " + status);
  });
  [200, 300, 304, 309].forEach(function (status) {
    assert.throws(RangeError, function () { Response.redirect("http://x.test/", status); }, "status " + status);
  });
  assert.throws(TypeError, function () { Response.redirect("/relative"); }, "relative URL");
  assert.throws(TypeError, function () { r.headers.set("a", "b"); }, "redirect headers immutable");

  var e = Response.error();
  assert.sameValue(e.type, "error", "error type");
  assert.sameValue(e.status, 0, "error status");
  assert.sameValue(e.statusText, "", "error statusText");
  assert.sameValue(e.ok, false, "error ok");
  assert.sameValue(e.body, null, "error body");
  assert.throws(TypeError, function () { e.headers.append("a", "b"); }, "error headers immutable");
  assert.throws(TypeError, function () { e.headers.delete("a"); }, "immutable delete");
  assert.sameValue(e.clone().type, "error", "clone keeps the type");
  assert.throws(TypeError, function () { e.clone().headers.set("a", "b"); }, "clone keeps the guard");
});
