/*---
description: >
  URLPattern's WebIDL shape (WebIDL §3.7; URL Pattern Standard IDL):
  brand checks, method and attribute descriptors, lengths, the overloaded
  constructor's resolution, the order in which URLPatternInit members are
  read (lexicographic, WebIDL §3.2.19), and optional test/exec inputs.
  The standard makes `input` optional (`optional URLPatternInput input =
  {}`), so the lengths are 0 and `test()` matches an empty input; deno 2.9
  requires the argument (lengths 1, TypeError): this test follows the
  standard there. Other values checked on deno 2.9.
includes: [compareArray.js]
---*/

assert.sameValue(typeof URLPattern, "function");
assert.sameValue(URLPattern.name, "URLPattern");
assert.sameValue(URLPattern.length, 0);
assert.throws(TypeError, function () { URLPattern(); }, "called without new");
// The global is not enumerable and configurable (WebIDL §3.7.1). nano-boa
// builds it on first use behind an accessor; assigning still replaces it,
// as for a writable data property (checked at the end).
var globalDesc = Object.getOwnPropertyDescriptor(globalThis, "URLPattern");
assert.sameValue(globalDesc.enumerable, false, "global not enumerable");
assert.sameValue(globalDesc.configurable, true, "global configurable");

var p = new URLPattern({ pathname: "/:x" });
assert.sameValue(Object.prototype.toString.call(p), "[object URLPattern]");
assert.sameValue(Object.getPrototypeOf(p), URLPattern.prototype);
assert(p instanceof URLPattern);

// Operations: enumerable methods with WebIDL lengths.
["test", "exec"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(URLPattern.prototype, name);
  assert.sameValue(typeof desc.value, "function", name);
  assert.sameValue(desc.enumerable, true, name + " enumerable");
  assert.sameValue(desc.value.length, 0, name + ".length");
  assert.throws(TypeError, function () { desc.value.call({}, "https://a.b/"); }, name + " brand check");
  assert.throws(TypeError, function () { desc.value.call(Object.create(URLPattern.prototype)); }, name + " on a fake");
});

// Attributes: read-only enumerable accessors with brand checks.
["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash", "hasRegExpGroups"].forEach(function (name) {
  var desc = Object.getOwnPropertyDescriptor(URLPattern.prototype, name);
  assert.sameValue(typeof desc.get, "function", name + " getter");
  assert.sameValue(desc.set, undefined, name + " is read-only");
  assert.sameValue(desc.enumerable, true, name + " enumerable");
  assert.throws(TypeError, function () { desc.get.call({}); }, name + " brand check");
  assert.throws(TypeError, function () { return URLPattern.prototype[name]; }, name + " on the prototype");
});

// The brand check comes before the arguments are converted.
var touched = false;
assert.throws(TypeError, function () {
  URLPattern.prototype.test.call({}, { get pathname() { touched = true; return "/"; } });
});
assert.sameValue(touched, false, "input not read on a wrong receiver");

// Optional input: test() and exec() match an empty init ({}), whose
// components are all empty strings.
var any = new URLPattern();
assert.sameValue(any.test(), true);
assert.sameValue(any.exec().pathname.input, "");
assert.sameValue(new URLPattern({ pathname: "/a" }).test(), false);

// Constructor overloads with two arguments: a string second argument is
// the baseURL, an object (or undefined/null) is the options.
assert.sameValue(new URLPattern("/a", "https://example.com").hostname, "example.com");
assert.sameValue(new URLPattern("https://x.com/A", { ignoreCase: true }).test("https://x.com/a"), true);
assert.sameValue(new URLPattern("https://x.com/a", undefined).pathname, "/a");
assert.sameValue(new URLPattern("https://x.com/a", null).pathname, "/a");
// A number second argument selects the baseURL overload: "1" is no URL.
assert.throws(TypeError, function () { new URLPattern("/a", 1); });
// Three arguments always mean (input, baseURL, options).
assert.throws(TypeError, function () { new URLPattern("/a", undefined, {}); }, 'baseURL is "undefined"');

// URLPatternInit members are read in lexicographic order, each once.
var order = [];
var init = {};
["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash", "baseURL"].forEach(function (name) {
  Object.defineProperty(init, name, {
    get: function () { order.push(name); return undefined; },
  });
});
new URLPattern(init);
assert.compareArray(order, ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"]);
order = [];
any.test(init);
assert.sameValue(order.length, 9, "test reads every member once");

// The options dictionary: ignoreCase read with a getter.
var reads = 0;
new URLPattern({}, { get ignoreCase() { reads++; return false; } });
assert.sameValue(reads, 1, "ignoreCase read once");

// Each context's URLPattern is built once; assigning replaces it.
function read() { return URLPattern; }
assert.sameValue(read(), read());
var original = URLPattern;
URLPattern = 1;
assert.sameValue(read(), 1, "assignment replaces the global");
URLPattern = original;
