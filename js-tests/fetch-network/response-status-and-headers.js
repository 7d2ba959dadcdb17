/*---
description: >
  A network Response carries the status and reason phrase from the wire
  (a custom reason included), ok for 200-299 only, type "basic", url
  without the request's fragment, redirected false when nothing was
  followed, and headers with the "immutable" guard (set, append and delete
  throw a TypeError). Two Set-Cookie headers stay apart in getSetCookie()
  and are combined by get().
includes: [fixture-server.js, asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  var custom = await fetch(FIXTURE.http + "/status?code=418&text=Short%20And%20Stout&body=teapot");
  assert.sameValue(custom.status, 418);
  assert.sameValue(custom.statusText, "Short And Stout", "custom reason phrase");
  assert.sameValue(custom.ok, false);
  assert.sameValue(await custom.text(), "teapot");

  var emptyReason = await fetch(FIXTURE.http + "/status?code=200&text=");
  assert.sameValue(emptyReason.statusText, "", "an empty reason phrase");
  await emptyReason.text();

  // Header values are ByteStrings: the UTF-8 bytes of "é" show as two
  // Latin-1 characters, as node v20 shows them.
  var latin = await fetch(FIXTURE.http + "/headers?set=x-bytes:%C3%A9");
  assert.sameValue(latin.headers.get("x-bytes"), "\u00c3\u00a9", "one char per byte");
  await latin.text();

  var notFound = await fetch(FIXTURE.http + "/no-such-route");
  assert.sameValue(notFound.status, 404);
  assert.sameValue(notFound.statusText, "Not Found");
  assert.sameValue(notFound.ok, false);
  await notFound.text();

  var edges = [[200, true], [226, true], [299, true], [300, false], [500, false], [599, false]];
  for (var i = 0; i < edges.length; i++) {
    var r = await fetch(FIXTURE.http + "/status?code=" + edges[i][0]);
    assert.sameValue(r.status, edges[i][0]);
    assert.sameValue(r.ok, edges[i][1], "ok for " + edges[i][0]);
    await r.arrayBuffer();
  }

  var res = await fetch(FIXTURE.http + "/echo?a=1#fragment");
  assert.sameValue(res.url, FIXTURE.http + "/echo?a=1", "url has no fragment");
  assert.sameValue(res.redirected, false);
  assert.sameValue(res.type, "basic");
  assert.sameValue(res.headers.get("content-type"), "application/json");
  assert.throws(TypeError, function () { res.headers.set("x-a", "1"); }, "set on an immutable Headers");
  assert.throws(TypeError, function () { res.headers.append("x-a", "1"); }, "append on an immutable Headers");
  assert.throws(TypeError, function () { res.headers.delete("content-type"); }, "delete on an immutable Headers");
  assert.sameValue(res.headers.get("content-type"), "application/json", "unchanged");
  await res.text();

  var cookies = await fetch(FIXTURE.http + "/headers?set=Set-Cookie:a%3D1%3B%20Path%3D%2F&set=Set-Cookie:b%3D2&set=X-Multi:one&set=X-Multi:two");
  assert.compareArray(cookies.headers.getSetCookie(), ["a=1; Path=/", "b=2"], "getSetCookie");
  assert.sameValue(cookies.headers.get("set-cookie"), "a=1; Path=/, b=2", "get() combines");
  assert.sameValue(cookies.headers.get("x-multi"), "one, two", "other repeated headers combine");
  var names = [];
  cookies.headers.forEach(function (value, name) { if (name === "set-cookie") names.push(value); });
  assert.compareArray(names, ["a=1; Path=/", "b=2"], "iteration keeps set-cookie values apart");
  assert.sameValue(await cookies.text(), "ok");
});
