/*---
description: >
  A network Response body is read once with text(), json(), arrayBuffer()
  or bytes(); bodyUsed turns true and a second read rejects with a
  TypeError (Fetch §6.2 "consume body"). clone() before reading gives two
  bodies that can both be read in full; cloning a used body throws a
  TypeError.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function rejection(promise) {
  return promise.then(function (v) {
    throw new Test262Error("expected a rejection, got " + v);
  }, function (e) {
    return e;
  });
}

asyncTest(async function () {
  var t = await fetch(FIXTURE.http + "/status?code=200&body=h%C3%A9llo");
  assert.sameValue(t.bodyUsed, false);
  assert.sameValue(await t.text(), "héllo", "text() decodes UTF-8");
  assert.sameValue(t.bodyUsed, true);
  assert((await rejection(t.text())) instanceof TypeError, "second text() rejects with a TypeError");
  assert((await rejection(t.arrayBuffer())) instanceof TypeError, "arrayBuffer() after text() rejects");

  var j = await fetch(FIXTURE.http + "/echo?json");
  var obj = await j.json();
  assert.sameValue(obj.url, "/echo?json", "json()");
  assert((await rejection(j.json())) instanceof TypeError, "second json() rejects with a TypeError");

  var bad = await fetch(FIXTURE.http + "/status?body=not%20json");
  assert((await rejection(bad.json())) instanceof SyntaxError, "json() of non-JSON rejects with a SyntaxError");

  var a = await fetch(FIXTURE.http + "/bytes?n=5");
  var buf = await a.arrayBuffer();
  assert(buf instanceof ArrayBuffer);
  assert.sameValue(buf.byteLength, 5);
  assert.sameValue(new Uint8Array(buf)[4], 4);

  var b = await fetch(FIXTURE.http + "/bytes?n=3");
  var bytes = await b.bytes();
  assert(bytes instanceof Uint8Array, "bytes() is a Uint8Array");
  assert.sameValue(bytes.length, 3);
  assert.sameValue(bytes[2], 2);
  assert((await rejection(b.bytes())) instanceof TypeError, "second bytes() rejects with a TypeError");

  var orig = await fetch(FIXTURE.http + "/bytes?n=1000");
  var copy = orig.clone();
  assert.sameValue(copy.status, 200);
  assert.sameValue(copy.url, orig.url);
  assert.sameValue(copy.headers.get("content-length"), "1000");
  var both = await Promise.all([orig.arrayBuffer(), copy.bytes()]);
  assert.sameValue(both[0].byteLength, 1000, "original branch");
  assert.sameValue(both[1].length, 1000, "clone branch");
  assert.sameValue(new Uint8Array(both[0])[999], 999 % 256);
  assert.sameValue(both[1][999], 999 % 256);
  assert.throws(TypeError, function () { orig.clone(); }, "clone() of a used body throws");

  // A clone read first leaves the original readable.
  var o2 = await fetch(FIXTURE.http + "/status?body=twice");
  assert.sameValue(await o2.clone().text(), "twice");
  assert.sameValue(o2.bodyUsed, false);
  assert.sameValue(await o2.text(), "twice");
});
