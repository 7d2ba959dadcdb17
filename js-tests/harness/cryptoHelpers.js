// nano-boa test harness: helpers for the Web Crypto fixtures (js-tests/crypto).

// The bytes of an ArrayBuffer or view as lowercase hex.
function hex(buffer) {
  var bytes = new Uint8Array(buffer);
  var out = "";
  for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return out;
}

// A Uint8Array of the bytes written in hex.
function unhex(text) {
  var out = new Uint8Array(text.length / 2);
  for (var i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// base64url without padding (RFC 4648 §5), as JWK members are written.
function b64url(bytes) {
  return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// UTF-8 bytes of a string.
function utf8(text) {
  return new TextEncoder().encode(text);
}

// Awaits fn()'s promise, which must reject: with a TypeError when name is
// "TypeError", otherwise with a DOMException of that name. fn must not
// throw synchronously (SubtleCrypto methods reject instead).
async function rejectsWith(fn, name, label) {
  var promise;
  try {
    promise = fn();
  } catch (error) {
    throw new Test262Error(label + ": threw synchronously: " + error);
  }
  assert(promise instanceof Promise, label + ": returns a promise");
  try {
    await promise;
  } catch (error) {
    if (name === "TypeError") {
      assert(error instanceof TypeError, label + ": a TypeError, got " + error);
    } else {
      assert(error instanceof DOMException, label + ": a DOMException, got " + error);
      assert.sameValue(error.name, name, label);
    }
    return;
  }
  throw new Test262Error(label + ": fulfilled");
}
