/*---
description: >
  A request whose body is a ReadableStream has a null body source, so a
  307 or 308 redirect, which would have to send the body again, is a
  network error: fetch rejects with a TypeError (Fetch §4.4
  "HTTP-redirect fetch" step 11: status not 303, body non-null, source
  null; step 11 comes before the POST-to-GET rewrite of 301/302, so those
  fail too). A 303 turns the request into a GET without a body and is
  followed. The source stays null through clone() and new Request(request);
  a string body keeps its source even after its body getter made a stream,
  so its 307 is followed. Expected values from node v20 (which agrees with
  the spec).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function oneChunk() {
  return new ReadableStream({
    start: function (c) {
      c.enqueue(new TextEncoder().encode("r"));
      c.close();
    }
  });
}

asyncTest(async function () {
  var seeOther = await fetch(FIXTURE.http + "/redirect?status=303&to=/echo", {
    method: "POST", body: oneChunk(), duplex: "half"
  });
  var echo = await seeOther.json();
  assert.sameValue(echo.method, "GET", "303 becomes a GET");
  assert.sameValue(echo.body, "", "without the body");

  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/redirect?status=307&to=/echo", { method: "POST", body: oneChunk(), duplex: "half" });
  }, "307 cannot resend a stream body");
  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/redirect?status=308&to=/echo", { method: "PUT", body: oneChunk(), duplex: "half" });
  }, "308 cannot resend a stream body");
  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/redirect?status=301&to=/echo", { method: "POST", body: oneChunk(), duplex: "half" });
  }, "301 (step 11 before the rewrite to GET)");
  await assert.throwsAsync(TypeError, function () {
    return fetch(FIXTURE.http + "/redirect?status=302&to=/echo", { method: "POST", body: oneChunk(), duplex: "half" });
  }, "302 (step 11 before the rewrite to GET)");

  var url = FIXTURE.http + "/redirect?status=307&to=/echo";
  var streamed = new Request(url, { method: "POST", body: oneChunk(), duplex: "half" });
  await assert.throwsAsync(TypeError, function () { return fetch(streamed.clone()); }, "a clone keeps the null source");
  await assert.throwsAsync(TypeError, function () { return fetch(new Request(streamed)); }, "so does a Request from the Request");

  var text = new Request(url, { method: "POST", body: "kept" });
  assert(text.body instanceof ReadableStream, "the getter makes a stream");
  var resent = await (await fetch(text)).json();
  assert.sameValue(resent.method, "POST", "307 keeps the method");
  assert.sameValue(resent.body, "kept", "a string body is sent again after a 307");
});
