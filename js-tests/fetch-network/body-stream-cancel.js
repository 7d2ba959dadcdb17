/*---
description: >
  Cancelling the reader of a fetch body (Streams §4.3 cancel; Fetch §4.6
  the stream's cancel algorithm terminates the fetch) resolves, makes
  bodyUsed true and later reads report done; the connection is not reused
  with the unread rest of the body on it (/count: the next request is not
  the third on the connection of the cancelled one), and further fetches
  work. Cancelling an unread body through response.body.cancel() works
  too. Expected values from node v20.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

asyncTest(async function () {
  var before = await (await fetch(FIXTURE.http + "/count")).json();
  var res = await fetch(FIXTURE.http + "/chunked?chunks=5&size=4&delay_ms=300");
  var reader = res.body.getReader();
  var first = await reader.read();
  assert.sameValue(new TextDecoder().decode(first.value), "aaaa");
  assert.sameValue(await reader.cancel("enough"), undefined, "cancel resolves with undefined");
  assert.sameValue(res.bodyUsed, true);
  var after = await reader.read();
  assert.sameValue(after.done, true, "a read after cancel is done");

  var next = await (await fetch(FIXTURE.http + "/count")).json();
  assert(!(next.connection === before.connection && next.requests === 3),
    "the cancelled response's connection was not reused: " + JSON.stringify([before, next]));
  assert.sameValue(await (await fetch(FIXTURE.http + "/status?body=again")).text(), "again", "fetch still works");

  var unread = await fetch(FIXTURE.http + "/chunked?chunks=5&size=4&delay_ms=300");
  await unread.body.cancel();
  assert.sameValue(unread.bodyUsed, true, "cancel without a reader disturbs the body");
  await assert.throwsAsync(TypeError, function () { return unread.text(); }, "and leaves it unusable");
  assert.sameValue(await (await fetch(FIXTURE.http + "/status?body=more")).text(), "more");
});
