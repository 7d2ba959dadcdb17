/*---
description: >
  blob() and formData() on responses from the network: blob()'s type is
  the response's Content-Type (serialized) and its bytes are exact;
  formData() uses the MIME type extracted from all Content-Type values
  (Fetch §3.7: the last valid one wins) and rejects with a TypeError for
  a JSON response.
includes: [fixture-server.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  var blob = await (await fetch(FIXTURE.http + "/bytes?n=300")).blob();
  assert(blob instanceof Blob);
  assert.sameValue(blob.type, "application/octet-stream");
  assert.sameValue(blob.size, 300);
  var bytes = await blob.bytes();
  var ok = true;
  for (var i = 0; i < 300; i++) if (bytes[i] !== i % 256) ok = false;
  assert(ok, "byte i is i % 256");

  var text = await (await fetch(FIXTURE.http + "/status?code=200&body=x")).blob();
  assert.sameValue(text.type, "text/plain;charset=utf-8");

  // The route sends "text/plain; charset=utf-8" and then the value set here.
  var res = await fetch(FIXTURE.http + "/headers?set=content-type:application/x-www-form-urlencoded");
  var fd = await res.formData();
  assert.sameValue(Array.from(fd.keys()).join(","), "ok");
  assert.sameValue(fd.get("ok"), "");

  var json = await fetch(FIXTURE.http + "/echo");
  await assert.throwsAsync(TypeError, function () { return json.formData(); });
  assert.sameValue(json.bodyUsed, true);
});
