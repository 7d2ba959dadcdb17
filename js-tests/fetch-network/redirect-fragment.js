/*---
description: >
  Fragments are never sent to the server and response.url never shows one
  (Fetch §6.4: the response URL is serialized with "exclude fragment"),
  whether the fragment came with the request URL (carried over the
  redirect by §4.4 step 19) or with the Location header.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var carried = await fetch(FIXTURE.http + "/redirect?status=302&to=/echo%3Fa%3D1#request-fragment");
  assert.sameValue(carried.url, FIXTURE.http + "/echo?a=1", "no fragment from the request URL");
  assert.sameValue((await carried.json()).url, "/echo?a=1", "the fragment was not sent");

  var own = await fetch(FIXTURE.http + "/redirect?status=307&to=/echo%3Fb%3D2%23location-fragment#request-fragment");
  assert.sameValue(own.url, FIXTURE.http + "/echo?b=2", "no fragment from the Location");
  assert.sameValue((await own.json()).url, "/echo?b=2");

  var manual = await fetch(FIXTURE.http + "/redirect?to=/echo#f", { redirect: "manual" });
  assert.sameValue(manual.url, FIXTURE.http + "/redirect?to=/echo", "manual: no fragment either");
  await manual.text();
});
