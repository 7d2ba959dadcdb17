/*---
description: >
  crypto.subtle.digest rejects (never throws): an unknown algorithm with a
  NotSupportedError DOMException, a missing name or a data argument that is
  not a BufferSource with a TypeError, too few arguments with a TypeError
  (Web Crypto §14.3.5, §18.4.4, WebIDL §3.5.9; as node v20).
includes: [cryptoHelpers.js, asyncHelpers.js]
flags: [async]
---*/

var data = new Uint8Array([1, 2, 3]);
asyncTest(async function () {
  await rejectsWith(function () { return crypto.subtle.digest("MD5", data); }, "NotSupportedError", "MD5");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-224", data); }, "NotSupportedError", "SHA-224");
  await rejectsWith(function () { return crypto.subtle.digest("HMAC", data); }, "NotSupportedError", "HMAC is no digest");
  await rejectsWith(function () { return crypto.subtle.digest({}, data); }, "TypeError", "no name");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-256", "abc"); }, "TypeError", "a string is no BufferSource");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-256"); }, "TypeError", "one argument");
  await rejectsWith(function () { return crypto.subtle.digest.call({}, "SHA-256", data); }, "TypeError", "wrong this");
});
