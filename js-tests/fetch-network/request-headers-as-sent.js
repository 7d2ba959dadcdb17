/*---
description: >
  Request headers reach the server as given, whether the init's headers are
  a Headers object, a record or a sequence of pairs; repeated names are
  combined with ", " (Fetch §2.2.2 "combine"). fetch() adds
  an Accept of "any type" (star slash star) when the request has none (Fetch §4.1 main fetch via
  §4.6) and keeps one that was set; a User-Agent is sent (Fetch §4.6
  step 11: the user agent's default, node's is "node").
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

function headerValues(echo, name) {
  var values = [];
  for (var i = 0; i < echo.headers.length; i++) {
    if (echo.headers[i][0] === name) values.push(echo.headers[i][1]);
  }
  return values;
}

asyncTest(async function () {
  var h = new Headers();
  h.append("X-One", "1");
  h.append("x-multi", "a");
  h.append("X-Multi", "b");
  var fromHeaders = await (await fetch(FIXTURE.http + "/echo", { headers: h })).json();
  assert.sameValue(echoHeader(fromHeaders, "x-one"), "1", "Headers: x-one");
  assert.sameValue(echoHeader(fromHeaders, "x-multi"), "a, b", "Headers: repeated name combined");
  assert.sameValue(echoHeader(fromHeaders, "accept"), "*/*", "accept */* added when absent");
  var ua = echoHeader(fromHeaders, "user-agent");
  assert.sameValue(typeof ua, "string", "a user-agent is sent");
  assert(ua.length > 0, "the user-agent is not empty");

  var fromRecord = await (await fetch(FIXTURE.http + "/echo", {
    headers: { "X-Record": "  padded value\t", Accept: "application/json" }
  })).json();
  assert.sameValue(echoHeader(fromRecord, "x-record"), "padded value", "record: value normalized (whitespace trimmed)");
  assert.sameValue(echoHeader(fromRecord, "accept"), "application/json", "an Accept that was set is kept");
  assert.sameValue(headerValues(fromRecord, "accept").length, 1, "and is not doubled");

  var fromPairs = await (await fetch(FIXTURE.http + "/echo", {
    headers: [["x-pair", "p1"], ["X-Pair", "p2"], ["user-agent", "fixture-agent/1.0"]]
  })).json();
  assert.sameValue(echoHeader(fromPairs, "x-pair"), "p1, p2", "pairs: repeated name combined");
  assert.sameValue(echoHeader(fromPairs, "user-agent"), "fixture-agent/1.0", "a User-Agent that was set is kept");
  assert.sameValue(echoHeader(fromPairs, "host"), FIXTURE.http.replace("http://", ""), "Host is the URL's host and port");
});
