/*---
description: >
  Two sequential fetches to the same origin reuse one keep-alive
  connection: /count reports the same connection number and one more
  request on it. nano-boa hands the connection back to its pool as soon as
  the body is read, so even a fetch started in the same turn reuses it;
  node v20 (undici) gives it back only a turn of the event loop later and
  opens a second connection here (deno reuses at once, as nano-boa). The
  Fetch spec leaves connection reuse to the implementation. Fetches to another origin (the HTTPS listener) use a
  connection of their own.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var first = await (await fetch(FIXTURE.http + "/count")).json();
  var second = await (await fetch(FIXTURE.http + "/count")).json();
  assert.sameValue(second.connection, first.connection, "the same connection");
  assert.sameValue(second.requests, first.requests + 1, "the next request on it");

  // A body read in full hands the connection back too.
  await (await fetch(FIXTURE.http + "/bytes?n=70000")).arrayBuffer();
  var third = await (await fetch(FIXTURE.http + "/count")).json();
  assert.sameValue(third.connection, first.connection, "still the same connection");
  assert.sameValue(third.requests, first.requests + 3);

  var s1 = await (await fetch(FIXTURE.https + "/count")).json();
  var s2 = await (await fetch(FIXTURE.https + "/count")).json();
  assert.sameValue(s2.connection, s1.connection, "HTTPS reuses its connection");
  assert.sameValue(s2.requests, s1.requests + 1);
});
