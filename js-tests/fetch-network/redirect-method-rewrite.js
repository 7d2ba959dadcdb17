/*---
description: >
  Following redirects (Fetch §4.4 step 12): a 301 or 302 turns POST into
  GET, and a 303 turns any method but GET/HEAD (here PUT and DELETE) into
  GET; both drop the body and its request-body headers (Content-Type).
  A 301/302 keeps a PUT as it is; 307 and 308 keep the method, body and
  Content-Type; a 303 keeps HEAD. Other headers go along in every case.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function via(status, method, body) {
  var init = { method: method, headers: { "x-keep": "k" } };
  if (body !== undefined) init.body = body;
  var res = await fetch(FIXTURE.http + "/redirect?status=" + status + "&to=/echo", init);
  assert.sameValue(res.status, 200, status + " " + method + ": followed");
  assert.sameValue(res.redirected, true, status + " " + method + ": redirected");
  var echo = await res.json();
  assert.sameValue(echoHeader(echo, "x-keep"), "k", status + " " + method + ": other headers kept");
  return echo;
}

function assertBecameGet(echo, label) {
  assert.sameValue(echo.method, "GET", label + ": method is GET");
  assert.sameValue(echo.body, "", label + ": body dropped");
  assert.sameValue(echoHeader(echo, "content-type"), null, label + ": content-type dropped");
  assert.sameValue(echoHeader(echo, "content-length"), null, label + ": no content-length");
}

function assertKept(echo, method, label) {
  assert.sameValue(echo.method, method, label + ": method kept");
  assert.sameValue(echo.body, "payload", label + ": body kept");
  assert.sameValue(echoHeader(echo, "content-type"), "text/plain;charset=UTF-8", label + ": content-type kept");
}

asyncTest(async function () {
  assertBecameGet(await via(301, "POST", "payload"), "301 POST");
  assertBecameGet(await via(302, "POST", "payload"), "302 POST");
  assertBecameGet(await via(303, "POST", "payload"), "303 POST");
  assertBecameGet(await via(303, "PUT", "payload"), "303 PUT");
  assertBecameGet(await via(303, "DELETE", undefined), "303 DELETE");
  assertKept(await via(301, "PUT", "payload"), "PUT", "301 PUT");
  assertKept(await via(302, "PUT", "payload"), "PUT", "302 PUT");
  assertKept(await via(307, "POST", "payload"), "POST", "307 POST");
  assertKept(await via(308, "POST", "payload"), "POST", "308 POST");
  assertKept(await via(307, "PATCH", "payload"), "PATCH", "307 PATCH");
  assertKept(await via(308, "PUT", "payload"), "PUT", "308 PUT");
  var head = await fetch(FIXTURE.http + "/redirect?status=303&to=/bytes%3Fn%3D5", { method: "HEAD" });
  assert.sameValue(head.status, 200, "303 HEAD: followed");
  assert.sameValue(head.headers.get("content-length"), "5", "303 HEAD stays HEAD (the GET would be the same length)");
  assert.sameValue(head.body, null, "303 HEAD: still no body, so it stayed HEAD");
  var get303 = await via(303, "GET", undefined);
  assert.sameValue(get303.method, "GET", "303 GET stays GET");
});
