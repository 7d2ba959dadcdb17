/*---
description: >
  Broken servers are network errors, and a network error is a TypeError
  (Fetch §7.2 step "if response is a network error, reject p with a
  TypeError"): /malformed (not HTTP, cause.code ERR_HTTP_PROTOCOL), /close
  (no response at all, ECONNRESET or ERR_HTTP_PROTOCOL), /bad-chunk (the
  head is fine, so fetch() resolves, and the body read rejects with a
  TypeError), /reset-mid-body (10 of 100 promised bytes: fetch() resolves,
  the body read rejects with a TypeError, cause.code ECONNRESET) and a
  port nobody listens on. The codes are nano-boa's (node v20's causes
  differ: UND_ERR_SOCKET, HPE_INVALID_CONSTANT, ...).
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

async function rejection(promise, label) {
  return promise.then(function (v) {
    throw new Test262Error(label + ": expected a rejection, got " + v);
  }, function (e) {
    return e;
  });
}

function assertNetworkError(err, codes, label) {
  assert(err instanceof TypeError, label + ": a TypeError, got " + err);
  assert.sameValue(typeof err.message, "string");
  assert(err.cause instanceof Error, label + ": cause is an Error");
  assert(codes.indexOf(err.cause.code) !== -1, label + ": cause.code " + err.cause.code + " is one of " + codes);
}

asyncTest(async function () {
  assertNetworkError(await rejection(fetch(FIXTURE.bad + "/malformed"), "malformed"),
    ["ERR_HTTP_PROTOCOL"], "/malformed");
  assertNetworkError(await rejection(fetch(FIXTURE.bad + "/close"), "close"),
    ["ECONNRESET", "ERR_HTTP_PROTOCOL"], "/close");

  var badChunk = await fetch(FIXTURE.bad + "/bad-chunk");
  assert.sameValue(badChunk.status, 200, "/bad-chunk: the head is fine");
  assertNetworkError(await rejection(badChunk.text(), "bad-chunk body"),
    ["ERR_HTTP_PROTOCOL", "ECONNRESET"], "/bad-chunk body");

  var reset = await fetch(FIXTURE.bad + "/reset-mid-body");
  assert.sameValue(reset.status, 200, "/reset-mid-body: the head is fine");
  assert.sameValue(reset.headers.get("content-length"), "100");
  assertNetworkError(await rejection(reset.arrayBuffer(), "reset body"), ["ECONNRESET"], "/reset-mid-body body");
  assert.sameValue(reset.bodyUsed, true, "the failed read used the body");

  var notFound = await fetch(FIXTURE.bad + "/anything-else");
  assert.sameValue(notFound.status, 404, "the bad listener answers other paths");
  assert.sameValue(await notFound.text(), "not found");

  // A port that refuses connections: bind nothing on port 1 of 127.0.0.1.
  assertNetworkError(await rejection(fetch("http://127.0.0.1:1/"), "refused"),
    ["ECONNREFUSED", "ECONNECT"], "connection refused");
});
