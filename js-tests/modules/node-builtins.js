/*---
description: >
  node: built-in modules (node:process, node:timers, node:url) and their
  bare names: the default export is the module object, members are named
  exports; fileURLToPath and pathToFileURL as node's (decoding, encoding,
  normalization, the errors for another scheme, a host and an encoded
  slash). Expected values from node v20; the module namespace is checked
  by value only where node's members are the same objects.
flags: [module]
---*/
import process, { env, argv } from "node:process";
import bareProcess from "process";
import timers, { setTimeout as timersSetTimeout, clearInterval } from "node:timers";
import url, { fileURLToPath, pathToFileURL, URL as UrlClass, URLSearchParams as Params } from "node:url";

assert.sameValue(process, globalThis.process, "default is the process global");
assert.sameValue(bareProcess, process, "the bare name is the same module");
assert.sameValue(env, process.env);
assert.sameValue(argv, process.argv);
assert.sameValue(timersSetTimeout, globalThis.setTimeout);
assert.sameValue(timers.clearInterval, clearInterval);
assert.sameValue(UrlClass, URL);
assert.sameValue(Params, URLSearchParams);
assert.sameValue(url.fileURLToPath, fileURLToPath);

assert.sameValue(fileURLToPath("file:///a/b%20c/d.js"), "/a/b c/d.js");
assert.sameValue(fileURLToPath(new URL("file://localhost/x/%E2%82%AC")), "/x/\u20ac");
assert.throws(TypeError, function () { fileURLToPath("http://x.test/y"); }, "another scheme");
assert.throws(TypeError, function () { fileURLToPath("file://host.test/y"); }, "a host");
assert.throws(TypeError, function () { fileURLToPath("file:///a%2Fb"); }, "an encoded slash");

var u = pathToFileURL("/tmp/a b/#x?y%.js");
assert(u instanceof URL, "pathToFileURL gives a URL");
assert.sameValue(u.href, "file:///tmp/a%20b/%23x%3Fy%25.js");
assert.sameValue(pathToFileURL("/tmp/../etc/./x/").href, "file:///etc/x/");
assert.sameValue(pathToFileURL("/tmp/../etc/./x").href, "file:///etc/x");
