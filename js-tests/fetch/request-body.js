/*---
description: >
  Request bodies (Fetch §7.3): GET and HEAD cannot have one (TypeError);
  a string body sets Content-Type; building a Request from another takes
  its body and marks the source used (so using it again is a TypeError),
  unless init gives a new body; clone() tees the body and throws once the
  body is used. Expected values from node v20.
includes: [asyncHelpers.js, compareArray.js]
flags: [async]
---*/

asyncTest(async function () {
  assert.throws(TypeError, function () { new Request("http://x/", { body: "a" }); }, "GET with a body");
  assert.throws(TypeError, function () { new Request("http://x/", { method: "HEAD", body: "a" }); }, "HEAD with a body");
  assert.sameValue(new Request("http://x/", { body: null }).body, null, "GET with a null body");

  var post = new Request("http://x/", { method: "POST", body: "hi", headers: { "X-A": "1" } });
  assert.sameValue(post.headers.get("content-type"), "text/plain;charset=UTF-8", "content type");
  assert(post.body instanceof ReadableStream, "body is a ReadableStream");
  assert.sameValue(post.body, post.body, "the same stream every time");
  assert.sameValue(post.bodyUsed, false, "reading body does not use it");

  var clone = post.clone();
  assert.sameValue(clone.method, "POST", "clone method");
  assert.sameValue(clone.headers.get("x-a"), "1", "clone headers");
  assert.sameValue(await clone.text(), "hi", "clone body");

  var moved = new Request(post);
  assert.sameValue(post.bodyUsed, true, "source used");
  assert.sameValue(moved.bodyUsed, false, "new request unused");
  assert.sameValue(moved.method, "POST", "method copied");
  assert.sameValue(moved.url, "http://x/", "url copied");
  assert.sameValue(moved.headers.get("x-a"), "1", "headers copied");
  assert.sameValue(await moved.text(), "hi", "body moved");
  assert.throws(TypeError, function () { new Request(post); }, "source used twice");
  assert.throws(TypeError, function () { post.clone(); }, "clone of a used body");
  await assert.throwsAsync(TypeError, function () { return post.text(); }, "reading a used body");

  var replaced = new Request(post, { body: "new" });
  assert.sameValue(await replaced.text(), "new", "init body replaces a used one");
  assert.throws(TypeError, function () { new Request(replaced, { method: "GET" }); }, "GET from a request with a body");

  var source = new Request("http://x/a", { redirect: "manual", method: "PUT", body: "b" });
  var copy = new Request(source, { headers: { "X-B": "2" } });
  assert.sameValue(copy.redirect, "manual", "redirect copied");
  assert.sameValue(copy.method, "PUT", "method copied");
  assert.sameValue(copy.headers.get("x-b"), "2", "init headers replace");
  assert.sameValue(copy.headers.get("content-type"), null, "the source's headers are not kept");
  assert.sameValue(await copy.text(), "b", "body taken");

  var json = new Request("http://x/", { method: "POST", body: "[1]" });
  assert.compareArray(await json.json(), [1], "json");
  var bytes = new Request("http://x/", { method: "POST", body: new Uint8Array([1, 2]) });
  assert.compareArray(Array.from(await bytes.bytes()), [1, 2], "bytes");
});
