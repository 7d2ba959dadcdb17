/*---
description: >
  data: URLs (Fetch §4.2 "scheme fetch", processed by the data: URL
  processor of §3.3): base64 and percent-encoded payloads, the MIME type
  (with parameters, serialized; text/plain;charset=US-ASCII by default) as
  Content-Type, status 200 "OK", response.url without the fragment, any
  method allowed. Invalid base64 is a network error: a TypeError.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var b64 = await fetch("data:text/plain;charset=utf-8;base64,aMOpbGxv");
  assert.sameValue(b64.status, 200);
  assert.sameValue(b64.statusText, "OK");
  assert.sameValue(b64.ok, true);
  assert.sameValue(b64.headers.get("content-type"), "text/plain;charset=utf-8");
  assert.sameValue(await b64.text(), "héllo", "base64 payload");

  var pct = await fetch("data:,Hello%2C%20World%21");
  assert.sameValue(pct.headers.get("content-type"), "text/plain;charset=US-ASCII", "default MIME type");
  assert.sameValue(await pct.text(), "Hello, World!", "percent-decoded");

  var params = await fetch("data:Application/JSON;Foo=\"bar baz\";q=1,%7B%22a%22%3A1%7D#frag");
  assert.sameValue(params.headers.get("content-type"), "application/json;foo=\"bar baz\";q=1",
    "MIME type with parameters, serialized");
  assert.sameValue((await params.json()).a, 1);
  assert.sameValue(params.url, "data:Application/JSON;Foo=\"bar baz\";q=1,%7B%22a%22%3A1%7D", "fragment dropped");
  assert.sameValue(params.redirected, false);

  var bin = await fetch("data:application/octet-stream;base64,AAEC/w==");
  var bytes = new Uint8Array(await bin.arrayBuffer());
  assert.sameValue(bytes.length, 4);
  assert.sameValue(bytes[0], 0);
  assert.sameValue(bytes[3], 255);

  var spaced = await fetch("data:;base64, aG k=");
  assert.sameValue(await spaced.text(), "hi", "ASCII whitespace in base64 is ignored (forgiving-base64)");

  var post = await fetch("data:,posted", { method: "POST", body: "ignored" });
  assert.sameValue(await post.text(), "posted", "any method");

  var invalid = await fetch("data:;base64,a").then(function () { return null; }, function (e) { return e; });
  assert(invalid instanceof TypeError, "invalid base64 rejects with a TypeError, got " + invalid);
  var invalid2 = await fetch("data:text/plain;base64,abc!").then(function () { return null; }, function (e) { return e; });
  assert(invalid2 instanceof TypeError, "a non-base64 character rejects with a TypeError");
});
