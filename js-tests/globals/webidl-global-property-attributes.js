/*---
description: >
  The global's properties for the WinterTC Minimum Common API items have the
  shapes WebIDL gives them. Regular operations (WebIDL §3.7.6: atob, fetch,
  setTimeout, ...) are data properties { writable: true, enumerable: true,
  configurable: true }, or, for reportError, which is built on first use,
  an enumerable configurable accessor. Regular attributes (WebIDL §3.7.5)
  are enumerable and configurable; crypto is an accessor, while navigator,
  performance and self may be plain data properties (WinterTC "The Global
  Scope" lets runtimes ignore readonly). Interface objects are not
  enumerable and are configurable; WebIDL makes them writable data
  properties, nano-boa keeps the ones it builds on first use as accessors
  whose setter replaces them (src/web/lazy.rs says why: Boa 0.22's inline
  caches), so writability is checked by assigning. Node v20 passes this for
  the items it has (its lazy interfaces are accessors until first read).
includes: [propertyHelper.js]
---*/

var interfaces = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "DecompressionStream", "DOMException",
  "ErrorEvent", "Event", "EventTarget", "File", "FormData", "Headers", "PromiseRejectionEvent",
  "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader",
  "Request", "Response", "SubtleCrypto", "TextDecoder", "TextDecoderStream", "TextEncoder",
  "TextEncoderStream", "TransformStream", "TransformStreamDefaultController", "URL",
  "URLSearchParams", "WritableStream", "WritableStreamDefaultController",
  "WritableStreamDefaultWriter"
];
interfaces.forEach(function (name) {
  var ctor = globalThis[name];
  assert.sameValue(typeof ctor, "function", name + " exists");
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.sameValue(desc.enumerable, false, name + " is not enumerable");
  assert.sameValue(desc.configurable, true, name + " is configurable");
  var replacement = function () {};
  globalThis[name] = replacement;
  assert.sameValue(globalThis[name], replacement, name + " can be replaced by assignment");
  globalThis[name] = ctor;
  assert.sameValue(globalThis[name], ctor, name + " restored");
});

var operations = [
  "atob", "btoa", "fetch", "queueMicrotask", "reportError", "setTimeout", "clearTimeout",
  "setInterval", "clearInterval", "structuredClone"
];
operations.forEach(function (name) {
  var fn = globalThis[name];
  assert.sameValue(typeof fn, "function", name + " exists");
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.sameValue(desc.enumerable, true, name + " is enumerable");
  assert.sameValue(desc.configurable, true, name + " is configurable");
  if (name === "reportError") {
    assert.sameValue(typeof desc.get, "function", "reportError is built on first use");
    return;
  }
  verifyProperty(globalThis, name, { value: fn, writable: true, enumerable: true, configurable: true },
    { restore: true });
});

var cryptoDesc = Object.getOwnPropertyDescriptor(globalThis, "crypto");
assert.notSameValue(cryptoDesc, undefined, "crypto is an own property");
assert.sameValue(typeof cryptoDesc.get, "function", "crypto is an accessor ([SameObject] readonly attribute)");
assert.sameValue(cryptoDesc.enumerable, true, "crypto is enumerable");
assert.sameValue(cryptoDesc.configurable, true, "crypto is configurable");
assert.sameValue(crypto, crypto, "[SameObject]: crypto is the same object each time");

["navigator", "performance", "self"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.notSameValue(desc, undefined, name + " is an own property");
  assert.sameValue(desc.enumerable, true, name + " is enumerable");
  assert.sameValue(desc.configurable, true, name + " is configurable");
});
