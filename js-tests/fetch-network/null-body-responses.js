/*---
description: >
  A HEAD response and a 204 or 304 response have a null body (Fetch §3.1.7
  "null body status"; HEAD has no content): body is null, bodyUsed stays
  false, and reading gives an empty result, any number of times. The
  connection is still usable afterwards.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var head = await fetch(FIXTURE.http + "/bytes?n=50", { method: "HEAD" });
  assert.sameValue(head.status, 200);
  assert.sameValue(head.body, null, "HEAD: body is null");
  assert.sameValue(head.headers.get("content-length"), "50", "HEAD keeps the GET headers");
  assert.sameValue(await head.text(), "", "HEAD: text() is empty");
  assert.sameValue(head.bodyUsed, false, "a null body is never used");
  assert.sameValue((await head.arrayBuffer()).byteLength, 0, "HEAD: read again");

  var noContent = await fetch(FIXTURE.http + "/status?code=204");
  assert.sameValue(noContent.status, 204);
  assert.sameValue(noContent.body, null, "204: body is null");
  assert.sameValue(await noContent.text(), "");
  assert.sameValue(noContent.bodyUsed, false);

  var notModified = await fetch(FIXTURE.http + "/status?code=304");
  assert.sameValue(notModified.status, 304);
  assert.sameValue(notModified.body, null, "304: body is null");
  assert.sameValue((await notModified.bytes()).length, 0);

  var after = await fetch(FIXTURE.http + "/status?body=after");
  assert.sameValue(await after.text(), "after", "a request after them works");
});
