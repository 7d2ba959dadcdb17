/*---
description: >
  new Request(input, init) (Fetch §7.3): input is parsed as an absolute URL
  (TypeError for a relative URL or one with credentials); the method is
  normalized (DELETE/GET/HEAD/OPTIONS/POST/PUT uppercased, others kept)
  and CONNECT/TRACE/TRACK or a non-token are TypeErrors; defaults of the
  other attributes. Expected values from node v20; signal details are in
  js-tests/abort/request-signal.js.
---*/

var r = new Request("http://example.com/p?q#frag");
assert.sameValue(r.url, "http://example.com/p?q#frag", "url");
assert.sameValue(r.method, "GET", "default method");
assert.sameValue(r.redirect, "follow", "redirect");
assert.sameValue(r.cache, "default", "cache");
assert.sameValue(r.credentials, "same-origin", "credentials");
assert.sameValue(r.mode, "cors", "mode");
assert.sameValue(r.referrer, "about:client", "referrer");
assert.sameValue(r.referrerPolicy, "", "referrerPolicy");
assert.sameValue(r.integrity, "", "integrity");
assert.sameValue(r.keepalive, false, "keepalive");
assert.sameValue(r.destination, "", "destination");
assert.sameValue(r.duplex, "half", "duplex");
assert.sameValue(r.isReloadNavigation, false, "isReloadNavigation");
assert.sameValue(r.isHistoryNavigation, false, "isHistoryNavigation");
assert.sameValue(r.body, null, "body");
assert.sameValue(r.bodyUsed, false, "bodyUsed");
assert(r.signal instanceof AbortSignal, "a signal without one given");

assert.sameValue(new Request(new URL("http://x.test")).url, "http://x.test/", "URL object input");
assert.sameValue(new Request("HTTP://X.TEST/a/../b").url, "http://x.test/b", "URL serialized");

["delete", "get", "head", "options", "post", "put"].forEach(function (m) {
  assert.sameValue(new Request("http://x/", { method: m }).method, m.toUpperCase(), m + " normalized");
});
assert.sameValue(new Request("http://x/", { method: "patch" }).method, "patch", "patch is kept as is");
assert.sameValue(new Request("http://x/", { method: "X-Custom" }).method, "X-Custom", "custom method kept");
["CONNECT", "trace", "Track", "a b", "", "\u00e9"].forEach(function (m) {
  assert.throws(TypeError, function () { new Request("http://x/", { method: m }); }, "method " + JSON.stringify(m));
});

["/relative", "nope", "http://user:pass@x.test/", "http://user@x.test/"].forEach(function (url) {
  assert.throws(TypeError, function () { new Request(url); }, "url " + url);
});

var init = new Request("http://x/", {
  redirect: "manual", cache: "no-store", credentials: "include", mode: "no-cors",
  referrer: "", referrerPolicy: "no-referrer", integrity: "sha256-abc", keepalive: true,
  headers: { "X-A": "1" },
});
assert.sameValue(init.redirect, "manual", "redirect from init");
assert.sameValue(init.cache, "no-store", "cache from init");
assert.sameValue(init.credentials, "include", "credentials from init");
assert.sameValue(init.mode, "no-cors", "mode from init");
assert.sameValue(init.referrer, "", "empty referrer");
assert.sameValue(init.referrerPolicy, "no-referrer", "referrerPolicy from init");
assert.sameValue(init.integrity, "sha256-abc", "integrity from init");
assert.sameValue(init.keepalive, true, "keepalive from init");
assert.sameValue(init.headers.get("x-a"), "1", "headers from init");
assert.sameValue(new Request("http://x/", { referrer: "http://r.test/x" }).referrer, "http://r.test/x", "referrer URL");

assert.throws(TypeError, function () { new Request("http://x/", { redirect: "nope" }); }, "bad redirect");
assert.throws(TypeError, function () { new Request("http://x/", { cache: "nope" }); }, "bad cache");
assert.throws(TypeError, function () { new Request("http://x/", { credentials: "nope" }); }, "bad credentials");
assert.throws(TypeError, function () { new Request("http://x/", { mode: "navigate" }); }, "navigate mode");
assert.throws(TypeError, function () { new Request("http://x/", { mode: "no-cors", method: "PUT" }); }, "no-cors PUT");
assert.throws(TypeError, function () { new Request("http://x/", { cache: "only-if-cached" }); }, "only-if-cached needs same-origin");
assert.throws(TypeError, function () { new Request("http://x/", { duplex: "full" }); }, "duplex must be half");
assert.throws(TypeError, function () { new Request("http://x/", { window: {} }); }, "window must be null");
assert.throws(TypeError, function () { new Request("http://x/", 1); }, "init not an object");
assert.throws(TypeError, function () { new Request(); }, "input required");
assert.throws(TypeError, function () { Request("http://x/"); }, "called without new");
assert.sameValue(Request.length, 1, "Request.length");

assert.throws(TypeError, function () { new Request("http://x/", { signal: {} }); }, "object signal");
assert.sameValue(new Request("http://x/", { signal: null }).signal.aborted, false, "null signal");
