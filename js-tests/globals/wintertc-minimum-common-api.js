/*---
description: >
  WinterTC (TC55) Minimum Common Web API, "Common API Index" of index.bs in
  wintercg/proposal-minimum-common-api (commit bc3adbe, May 2025): every
  item nano-boa implements is on the global object with the right kind.
  Interfaces are constructors whose `name` and `length` are those of their
  WebIDL constructor (or 0 without one), exposed as non-enumerable,
  configurable properties that a write replaces (WebIDL §3.7 interface
  object; nano-boa's lazily built interfaces are get/set accessor pairs,
  not data properties, so "writable" is checked by behaviour), and a basic
  use works; interfaces without a constructor throw a TypeError. Global
  operations are functions with their WebIDL lengths; console is a
  non-enumerable namespace; globalThis and self are the global object,
  which is an EventTarget (spec "The Global Scope").
  Items of the list nano-boa lacks, not asserted here: all of
  WebAssembly (Global, Instance, Memory, Module, Table, compile,
  compileStreaming, instantiate, instantiateStreaming, validate: Boa has no
  WebAssembly). The onerror, onunhandledrejection and onrejectionhandled
  handler attributes are covered by js-tests/errors/global-handler-attributes.js.
  Node v20 differs from WebIDL on FormData.length (1, WebIDL 0: both
  constructor arguments are optional), setTimeout/setInterval.length (5,
  WebIDL 1), clearTimeout/clearInterval.length (1, WebIDL 0) and
  structuredClone.length (0, WebIDL 1) and returns a Timeout object from
  setTimeout/setInterval (HTML: a long); this test follows WebIDL and HTML.
  Node v20
  has no ErrorEvent, PromiseRejectionEvent, navigator, self or reportError, and
  its global object is not an EventTarget.
includes: [propertyHelper.js]
---*/

// Interface objects: [name, constructor length, a basic use that returns
// true]. A null use means the interface has no constructor (WebIDL: calling
// it with new throws a TypeError).
var interfaces = [
  ["AbortController", 0, function () {
    var controller = new AbortController();
    controller.abort();
    return controller.signal.aborted === true;
  }],
  ["AbortSignal", 0, null],
  ["Blob", 0, function () { return new Blob(["ab", new Uint8Array([99])]).size === 3; }],
  ["ByteLengthQueuingStrategy", 1, function () {
    return new ByteLengthQueuingStrategy({ highWaterMark: 4 }).size(new Uint8Array(3)) === 3;
  }],
  ["CompressionStream", 1, function () {
    return new CompressionStream("gzip").readable instanceof ReadableStream;
  }],
  ["CountQueuingStrategy", 1, function () {
    return new CountQueuingStrategy({ highWaterMark: 4 }).highWaterMark === 4;
  }],
  ["Crypto", 0, null],
  ["CryptoKey", 0, null],
  ["DecompressionStream", 1, function () {
    return new DecompressionStream("deflate").writable instanceof WritableStream;
  }],
  ["DOMException", 0, function () {
    var e = new DOMException("m", "AbortError");
    return e.name === "AbortError" && e.code === 20 && e instanceof Error;
  }],
  ["ErrorEvent", 1, function () {
    var e = new ErrorEvent("error", { message: "m" });
    return e.message === "m" && e instanceof Event;
  }],
  ["Event", 1, function () { return new Event("x").type === "x"; }],
  ["EventTarget", 0, function () {
    var target = new EventTarget();
    var calls = 0;
    target.addEventListener("x", function () { calls++; });
    target.dispatchEvent(new Event("x"));
    return calls === 1;
  }],
  ["File", 2, function () {
    var file = new File(["a"], "n.txt");
    return file.name === "n.txt" && file instanceof Blob;
  }],
  // XHR: constructor(optional HTMLFormElement form, optional HTMLElement?
  // submitter = null), so length 0 (node v20: 1).
  ["FormData", 0, function () {
    var form = new FormData();
    form.append("a", "b");
    return form.get("a") === "b";
  }],
  ["Headers", 0, function () { return new Headers({ A: "b" }).get("a") === "b"; }],
  // PromiseRejectionEventInit has a required member: the dictionary is not
  // optional, so length 2.
  ["PromiseRejectionEvent", 2, function () {
    var promise = Promise.resolve();
    var e = new PromiseRejectionEvent("unhandledrejection", { promise: promise, reason: 1 });
    return e.promise === promise && e.reason === 1 && e instanceof Event;
  }],
  ["ReadableByteStreamController", 0, null],
  ["ReadableStream", 0, function () { return new ReadableStream().locked === false; }],
  ["ReadableStreamBYOBReader", 1, function () {
    return new ReadableStreamBYOBReader(new ReadableStream({ type: "bytes" })) instanceof ReadableStreamBYOBReader;
  }],
  ["ReadableStreamBYOBRequest", 0, null],
  ["ReadableStreamDefaultController", 0, null],
  ["ReadableStreamDefaultReader", 1, function () {
    return new ReadableStreamDefaultReader(new ReadableStream()) instanceof ReadableStreamDefaultReader;
  }],
  ["Request", 1, function () {
    return new Request("https://example.com/a", { method: "post" }).method === "POST";
  }],
  ["Response", 0, function () { return new Response("x", { status: 201 }).status === 201; }],
  ["SubtleCrypto", 0, null],
  ["TextDecoder", 0, function () {
    return new TextDecoder().decode(new Uint8Array([104, 105])) === "hi";
  }],
  ["TextDecoderStream", 0, function () { return new TextDecoderStream().encoding === "utf-8"; }],
  ["TextEncoder", 0, function () { return new TextEncoder().encode("hi").length === 2; }],
  ["TextEncoderStream", 0, function () { return new TextEncoderStream().encoding === "utf-8"; }],
  ["TransformStream", 0, function () {
    return new TransformStream().readable instanceof ReadableStream;
  }],
  ["TransformStreamDefaultController", 0, null],
  ["URL", 1, function () {
    return new URL("/p?q=1", "https://a.example").href === "https://a.example/p?q=1";
  }],
  ["URLPattern", 0, function () { return new URLPattern({ pathname: "/a/:id" }).exec("https://x.example/a/7").pathname.groups.id === "7"; }],
  ["URLSearchParams", 0, function () { return new URLSearchParams("a=1&b=2").get("b") === "2"; }],
  ["WritableStream", 0, function () { return new WritableStream().locked === false; }],
  ["WritableStreamDefaultController", 0, null],
  ["WritableStreamDefaultWriter", 1, function () {
    return new WritableStreamDefaultWriter(new WritableStream()) instanceof WritableStreamDefaultWriter;
  }]
];

interfaces.forEach(function (entry) {
  var name = entry[0];
  var length = entry[1];
  var use = entry[2];
  var desc = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.notSameValue(desc, undefined, name + " is an own property of the global");
  assert.sameValue(desc.enumerable, false, name + " is not enumerable");
  assert.sameValue(desc.configurable, true, name + " is configurable");
  var ctor = globalThis[name];
  assert.sameValue(typeof ctor, "function", name + " is a function");
  assert.sameValue(ctor.name, name, name + ".name");
  assert.sameValue(ctor.length, length, name + ".length");
  assert.sameValue(typeof ctor.prototype, "object", name + ".prototype is an object");
  assert.sameValue(ctor.prototype.constructor, ctor, name + ".prototype.constructor");
  assert.throws(TypeError, function () { ctor(); }, name + " called without new");
  if (use === null) {
    assert.throws(TypeError, function () { new ctor(); }, "new " + name + "() is an illegal constructor");
  } else {
    assert.sameValue(use(), true, "a basic use of " + name);
  }
  // Writable: a write replaces the value (then put the interface back).
  globalThis[name] = 1234;
  assert.sameValue(globalThis[name], 1234, "a write to " + name + " takes effect");
  globalThis[name] = ctor;
  assert.sameValue(globalThis[name], ctor, name + " restored");
});

// The instances the global exposes belong to their interfaces.
assert(crypto instanceof Crypto, "crypto is a Crypto");
assert(crypto.subtle instanceof SubtleCrypto, "crypto.subtle is a SubtleCrypto");
assert(AbortSignal.abort() instanceof AbortSignal, "AbortSignal.abort() is an AbortSignal");

// Global operations and their WebIDL lengths (HTML WindowOrWorkerGlobalScope,
// Fetch, HTML reportError, queueMicrotask, structuredClone).
var operations = [
  ["atob", 1], ["btoa", 1], ["fetch", 1], ["queueMicrotask", 1], ["reportError", 1],
  ["setTimeout", 1], ["clearTimeout", 0], ["setInterval", 1], ["clearInterval", 0],
  ["structuredClone", 1]
];
operations.forEach(function (entry) {
  var name = entry[0];
  assert(Object.prototype.hasOwnProperty.call(globalThis, name), name + " is an own property of the global");
  assert.sameValue(typeof globalThis[name], "function", name + " is a function");
  assert.sameValue(globalThis[name].name, name, name + ".name");
  assert.sameValue(globalThis[name].length, entry[1], name + ".length");
});
assert.sameValue(atob(btoa("hi")), "hi", "atob(btoa(x))");
assert.sameValue(structuredClone({ a: [1] }).a[0], 1, "structuredClone");
assert.sameValue(queueMicrotask(function () {}), undefined, "queueMicrotask returns undefined");
var timeoutId = setTimeout(function () { throw new Test262Error("a cleared timeout ran"); }, 1);
assert.sameValue(typeof timeoutId, "number", "HTML: setTimeout returns a long");
clearTimeout(timeoutId);
var intervalId = setInterval(function () { throw new Test262Error("a cleared interval ran"); }, 1);
assert.sameValue(typeof intervalId, "number", "HTML: setInterval returns a long");
clearInterval(intervalId);
var pending = fetch("http://127.0.0.1:1/");
pending.catch(function () {});
assert(pending instanceof Promise, "fetch returns a promise");

// Namespaces and global objects.
verifyProperty(globalThis, "console", { writable: true, enumerable: false, configurable: true },
  { restore: true });
["log", "info", "warn", "error", "debug"].forEach(function (method) {
  assert.sameValue(typeof console[method], "function", "console." + method);
});
verifyProperty(globalThis, "globalThis", { value: globalThis, writable: true, enumerable: false, configurable: true },
  { restore: true });
assert.sameValue(self, globalThis, "self is the global object");
assert.sameValue(typeof crypto, "object", "crypto is an object");
assert.sameValue(typeof crypto.getRandomValues, "function", "crypto.getRandomValues");
assert.sameValue(typeof crypto.randomUUID, "function", "crypto.randomUUID");
assert.sameValue(typeof navigator, "object", "navigator is an object");
assert.sameValue(typeof navigator.userAgent, "string", "navigator.userAgent is a string");
// WinterTC "Requirements for navigator.userAgent": an RFC 7231 User-Agent
// (product *( RWS ( product / comment ) ), product = token ["/" token]).
// Comments are taken without nesting, which is enough to check a product.
var token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
var product = token + "(?:/" + token + ")?";
var userAgentGrammar = new RegExp("^" + product + "(?:[ \\t]+(?:" + product + "|\\([^()]*\\)))*$");
assert(userAgentGrammar.test(navigator.userAgent),
  "navigator.userAgent follows RFC 7231 User-Agent: " + navigator.userAgent);
assert.sameValue(typeof performance, "object", "performance is an object");
assert.sameValue(typeof performance.now, "function", "performance.now");
assert.sameValue(performance.now.length, 0, "performance.now.length");
assert.sameValue(typeof performance.now(), "number", "performance.now() is a number");
assert.sameValue(typeof performance.timeOrigin, "number", "performance.timeOrigin is a number");

// "The global object on Window-like and worker environments must always be
// an instance of EventTarget."
assert(globalThis instanceof EventTarget, "the global object is an EventTarget");
assert.sameValue(typeof addEventListener, "function", "addEventListener on the global");
assert.sameValue(typeof removeEventListener, "function", "removeEventListener on the global");
assert.sameValue(typeof dispatchEvent, "function", "dispatchEvent on the global");
