/*---
description: >
  A member of a node: module that nano-boa does not provide is a function
  that throws an Error with code ERR_METHOD_NOT_IMPLEMENTED naming the
  module and the member (never "undefined is not a function"); typeof
  still says "function", so feature checks see what node has. Node itself
  provides these members: this is nano-boa's documented contract, not a
  comparison with node.
flags: [module]
---*/
import crypto, { createCipheriv } from "node:crypto";
for (const [name, call] of [["createCipheriv", () => createCipheriv("aes-256-cbc", "k", "iv")], ["scryptSync", () => crypto.scryptSync("p", "s", 16)], ["KeyObject", () => new crypto.KeyObject()]]) {
  assert.sameValue(typeof crypto[name], "function", name + " is a function");
  var caught;
  try { call(); } catch (e) { caught = e; }
  assert(caught instanceof Error, name + " throws an Error");
  assert.sameValue(caught.code, "ERR_METHOD_NOT_IMPLEMENTED", name + " code");
  assert.sameValue(caught.message, "node:crypto " + name + " is not provided by nano-boa (yet)", name + " message");
}
import { Readable } from "node:stream";
import streamPromises from "node:stream/promises";
import { ReadableStream as WebReadableStream } from "node:stream/web";
import { createHook } from "node:async_hooks";
class Mine extends Readable {}
for (const [module, name, call] of [["stream", "Readable", () => new Mine()], ["stream", "Readable.from", () => Readable.from([1])], ["stream/promises", "pipeline", () => streamPromises.pipeline()], ["async_hooks", "createHook", () => createHook({})]]) {
  var caught = undefined;
  try { call(); } catch (e) { caught = e; }
  assert.sameValue(caught && caught.code, "ERR_METHOD_NOT_IMPLEMENTED", name + " code");
  assert.sameValue(caught.message, "node:" + module + " " + name + " is not provided by nano-boa (yet)", name + " message");
}
assert.sameValue(WebReadableStream, ReadableStream, "node:stream/web is the WHATWG streams");
