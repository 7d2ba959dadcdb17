/*---
description: >
  crypto.subtle.digest rejects (never throws): an unknown algorithm with a
  NotSupportedError DOMException, a missing name or a data argument that is
  not a BufferSource with a TypeError, too few arguments with a TypeError
  (Web Crypto §14.3.5, §18.4.4, WebIDL §3.5.9; as node v20).
includes: [asyncHelpers.js]
flags: [async]
---*/

async function rejectsWith(promiseFn, check, label) {
  var promise;
  try {
    promise = promiseFn();
  } catch (error) {
    throw new Test262Error(label + ": threw synchronously: " + error);
  }
  assert(promise instanceof Promise, label + ": returns a promise");
  try {
    await promise;
  } catch (error) {
    check(error, label);
    return;
  }
  throw new Test262Error(label + ": fulfilled");
}
function domError(name) {
  return function (error, label) {
    assert(error instanceof DOMException, label + ": a DOMException, got " + error);
    assert.sameValue(error.name, name, label + ": name");
  };
}
function typeError(error, label) {
  assert(error instanceof TypeError, label + ": a TypeError, got " + error);
}

var data = new Uint8Array([1, 2, 3]);
asyncTest(async function () {
  await rejectsWith(function () { return crypto.subtle.digest("MD5", data); }, domError("NotSupportedError"), "MD5");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-224", data); }, domError("NotSupportedError"), "SHA-224");
  await rejectsWith(function () { return crypto.subtle.digest("HMAC", data); }, domError("NotSupportedError"), "HMAC is no digest");
  await rejectsWith(function () { return crypto.subtle.digest({}, data); }, typeError, "no name");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-256", "abc"); }, typeError, "a string is no BufferSource");
  await rejectsWith(function () { return crypto.subtle.digest("SHA-256"); }, typeError, "one argument");
  await rejectsWith(function () { return crypto.subtle.digest.call({}, "SHA-256", data); }, typeError, "wrong this");
});
