/*---
description: >
  node:util's format, inspect (depth, maxArrayLength), promisify (callback
  results, errors passed and thrown, promisify.custom, the name kept),
  inherits, TextEncoder, and the TypeError for a non-function. The expected
  lines are node v20's output for the same code. (One line is the output
  of several values; multi-line inspect output is kept as node prints it.)
flags: [module, async]
---*/
import util, { format, inspect, promisify, inherits } from "node:util";
import { TextEncoder as TE } from "util";
var out = [];
var log = function () { out.push(Array.prototype.map.call(arguments, function (v) { return typeof v === "string" ? v : String(v); }).join(" ")); };
try {
log(format("%s=%d %j", "a", 42, { x: 1 }), format("x", 1, "y"));
log(inspect({ a: { b: { c: { d: 1 } } } }), inspect({ a: { b: { c: { d: 1 } } } }, { depth: null }));
log(inspect([1, 2, 3, 4], { maxArrayLength: 2 }));
const cb = (a, b, done) => setTimeout(() => done(null, a + b), 1);
const fail = (done) => done(new Error("bad"));
const boom = () => { throw new RangeError("sync"); };
log(await promisify(cb)(2, 3), promisify(cb).name);
await promisify(fail)().catch((e) => log("rejected", e.message));
await promisify(boom)().catch((e) => log("rejected", e.constructor.name));
const custom = () => {}; custom[promisify.custom] = () => "custom!";
log(promisify(custom)(), typeof promisify.custom, promisify.custom === Symbol.for("nodejs.util.promisify.custom"));
function A() {} A.prototype.hi = () => "hi"; function B() {} inherits(B, A);
log(new B().hi(), B.super_ === A, TE === TextEncoder, util.format === format);
try { promisify(5) } catch (e) { log(e.constructor.name, e.message.slice(0, 40)) }
  var expected = ["a=42 {\"x\":1} x 1 y", "{ a: { b: { c: [Object] } } } {", "  a: { b: { c: { d: 1 } } }", "}", "[ 1, 2, ... 2 more items ]", "5 cb", "rejected bad", "rejected RangeError", "custom! symbol true", "hi true true true", "TypeError The \"original\" argument must be of type "];
  var lines = out.join("\n").split("\n");
  assert.sameValue(lines.length, expected.length, "as many lines as node");
  for (var i = 0; i < expected.length; i++) assert.sameValue(lines[i], expected[i], "line " + (i + 1));
  $DONE();
} catch (error) {
  $DONE(error);
}
