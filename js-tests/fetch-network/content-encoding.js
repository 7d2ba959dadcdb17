/*---
description: >
  fetch() asks for compressed bodies with Accept-Encoding listing gzip,
  deflate and br (nano-boa's choice: node v20 sends "gzip, deflate", deno
  "gzip,br"), and decodes gzip, deflate (the zlib format HTTP means) and br bodies to
  the original text (Fetch §4.6 step "handle content codings"); the
  Content-Encoding header stays visible on the Response, as in node v20.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/

var TEXT = "nano-boa fixture: a compressed body.\n" +
  "The quick brown fox jumps over the lazy dog.\n" +
  "The quick brown fox jumps over the lazy dog.\n" +
  "The quick brown fox jumps over the lazy dog.\n";

asyncTest(async function () {
  var echo = await (await fetch(FIXTURE.http + "/echo")).json();
  var accept = null;
  for (var i = 0; i < echo.headers.length; i++) {
    if (echo.headers[i][0] === "accept-encoding") accept = echo.headers[i][1];
  }
  assert.sameValue(typeof accept, "string", "accept-encoding is sent");
  ["gzip", "deflate", "br"].forEach(function (coding) {
    assert(accept.indexOf(coding) !== -1, "accept-encoding lists " + coding + ": " + accept);
  });

  var codings = ["gzip", "deflate", "br"];
  for (var j = 0; j < codings.length; j++) {
    var res = await fetch(FIXTURE.http + "/" + codings[j]);
    assert.sameValue(res.status, 200);
    assert.sameValue(res.headers.get("content-encoding"), codings[j], codings[j] + " header");
    assert.sameValue(await res.text(), TEXT, codings[j] + " body decoded");
  }

  var https = await fetch(FIXTURE.https + "/gzip");
  assert.sameValue(await https.text(), TEXT, "gzip over HTTPS");
});
