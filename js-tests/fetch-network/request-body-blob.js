/*---
description: >
  fetch() with a Blob body sends its bytes with its type as the
  Content-Type; a Blob with an empty type sends no Content-Type; a File
  works the same; a Content-Type in the init wins.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/
async function post(body, headers) {
  var init = { method: "POST", body: body };
  if (headers) init.headers = headers;
  return (await fetch(FIXTURE.http + "/echo", init)).json();
}

asyncTest(async function () {
  var typed = await post(new Blob([new Uint8Array([1, 2, 3])], { type: "Application/X-Bytes" }));
  assert.sameValue(echoHeader(typed, "content-type"), "application/x-bytes");
  assert.sameValue(typed.bodyBase64, "AQID");
  assert.sameValue(echoHeader(typed, "content-length"), "3");

  var untyped = await post(new Blob(["plain"]));
  assert.sameValue(echoHeader(untyped, "content-type"), null);
  assert.sameValue(untyped.body, "plain");

  var file = await post(new File(["f"], "f.txt", { type: "text/plain" }));
  assert.sameValue(echoHeader(file, "content-type"), "text/plain");

  var sliced = await post(new Blob(["0123456789"]).slice(2, 5));
  assert.sameValue(sliced.body, "234");

  var explicit = await post(new Blob(["{}"], { type: "text/plain" }), { "content-type": "application/json" });
  assert.sameValue(echoHeader(explicit, "content-type"), "application/json");
});
