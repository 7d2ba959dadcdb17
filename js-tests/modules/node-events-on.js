/*---
description: >
  node:events on(): an async iterator of event argument arrays (queued and
  awaited), ended by break with its listeners removed, rejected by an
  error event; and require('timers').promises being node:timers/promises.
  The expected lines are node v20's output for the same code.
flags: [module]
---*/
import { EventEmitter, on } from "node:events";
import timers from "node:timers";
import timersPromises from "node:timers/promises";
import { inspect as __inspect } from "node:util";
var out = [];
var log = (...a) => out.push(a.map((x) => (typeof x === "string" ? x : __inspect(x))).join(" "));
log(timers.promises === timersPromises, typeof on);
const e = new EventEmitter();
setTimeout(() => { e.emit("tick", 1); e.emit("tick", 2, "b"); e.emit("other", 0); }, 1);
setTimeout(() => e.emit("tick", 3), 5);
const seen = [];
for await (const args of on(e, "tick")) { seen.push(JSON.stringify(args)); if (args[0] === 3) break; }
log(seen.join(" "), e.listenerCount("tick"), e.listenerCount("error"));
const e2 = new EventEmitter();
const it = on(e2, "x");
e2.emit("x", "queued");
log(JSON.stringify(await it.next()));
setTimeout(() => e2.emit("error", new Error("boom")), 1);
try { await it.next(); log("no error"); } catch (err) { log("rejected", err.message, e2.listenerCount("x")); }
log(JSON.stringify(await it.next()));
const it3 = on(new EventEmitter(), "y"); log(JSON.stringify(await it3.return()), it3[Symbol.asyncIterator]() === it3);
var expected = ["true function", "[1] [2,\"b\"] [3] 0 0", "{\"value\":[\"queued\"],\"done\":false}", "rejected boom 0", "{\"done\":true}", "{\"done\":true} true"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
