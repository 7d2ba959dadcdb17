/*---
description: >
  formData() of an application/x-www-form-urlencoded body (Fetch §6.3,
  URL §5.1): '+' is a space, percent-escapes are decoded as UTF-8, a
  name without '=' has an empty value, invalid escapes are kept; parameters
  of the type and its case do not matter. URLSearchParams bodies round-trip.
includes: [compareArray.js, asyncHelpers.js]
flags: [async]
---*/
asyncTest(async function () {
  function entries(fd) { return Array.from(fd).map(function (e) { return e[0] + "=" + e[1]; }); }
  var r = new Response("a=b+c&%zz=1&a=2&n&x=%C3%A9", { headers: { "content-type": "Application/X-WWW-Form-Urlencoded;charset=UTF-8" } });
  assert.compareArray(entries(await r.formData()), ["a=b c", "%zz=1", "a=2", "n=", "x=é"]);
  var params = new URLSearchParams({ q: "a b&c", "é": "1" });
  assert.compareArray(entries(await new Response(params).formData()), ["q=a b&c", "é=1"]);
  var empty = await new Response("", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
  assert.sameValue(Array.from(empty).length, 0);
});
