/*---
description: >
  The Content-Type fetch() sends comes from the body's type (Fetch §5
  "extract a body"): a string is text/plain;charset=UTF-8, URLSearchParams
  application/x-www-form-urlencoded;charset=UTF-8, and an ArrayBuffer or
  any ArrayBufferView (Uint8Array, DataView) has none. A Content-Type set
  in the init wins over the body's. Content-Length is the body's size.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function post(body, headers) {
  var init = { method: "POST", body: body };
  if (headers) init.headers = headers;
  return (await fetch(FIXTURE.http + "/echo", init)).json();
}

asyncTest(async function () {
  var s = await post("hello");
  assert.sameValue(echoHeader(s, "content-type"), "text/plain;charset=UTF-8", "string");
  assert.sameValue(echoHeader(s, "content-length"), "5", "string length");
  assert.sameValue(s.body, "hello");

  var p = await post(new URLSearchParams([["a", "1"], ["b", "x y&z"]]));
  assert.sameValue(echoHeader(p, "content-type"), "application/x-www-form-urlencoded;charset=UTF-8", "URLSearchParams");
  assert.sameValue(p.body, "a=1&b=x+y%26z", "URLSearchParams body serialized");

  var u8 = await post(new Uint8Array([104, 105]));
  assert.sameValue(echoHeader(u8, "content-type"), null, "Uint8Array has no content-type");
  assert.sameValue(u8.body, "hi");
  assert.sameValue(echoHeader(u8, "content-length"), "2");

  var ab = await post(new Uint8Array([1, 2, 3]).buffer);
  assert.sameValue(echoHeader(ab, "content-type"), null, "ArrayBuffer has no content-type");
  assert.sameValue(ab.bodyBase64, "AQID");

  var backing = new Uint8Array([9, 65, 66, 67, 9]).buffer;
  var dv = await post(new DataView(backing, 1, 3));
  assert.sameValue(echoHeader(dv, "content-type"), null, "DataView has no content-type");
  assert.sameValue(dv.body, "ABC", "only the view's bytes are sent");

  var explicit = await post("{}", { "Content-Type": "application/json" });
  assert.sameValue(echoHeader(explicit, "content-type"), "application/json", "the init's Content-Type wins");

  var empty = await post("");
  assert.sameValue(echoHeader(empty, "content-type"), "text/plain;charset=UTF-8", "empty string still has a type");
  assert.sameValue(echoHeader(empty, "content-length"), "0", "POST with an empty body sends Content-Length: 0");
});
