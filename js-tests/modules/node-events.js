/*---
description: >
  node:events' EventEmitter (on, prependListener, once, off, removeListener,
  removeAllListeners, emit and its return value, 'newListener' and
  'removeListener' events (also when a once listener fires), listenerCount,
  eventNames, symbols as names, an unhandled 'error' thrown, subclasses,
  EventEmitter.call with util.inherits) and events.once. The expected lines
  are node v20's output for the same code (run as CommonJS with require).
flags: [module, async]
---*/
import EventEmitter from "events";
import { once } from "node:events";
import { inherits } from "node:util";
try {
const log = [];
const e = new EventEmitter();
e.on("newListener", (name) => log.push("new:" + String(name)));
e.on("a", (x, y) => log.push("a1:" + x + y));
e.prependListener("a", () => log.push("a0"));
e.once("a", () => log.push("once"));
log.push(e.emit("a", 1, 2), e.emit("a", 3, 4), e.emit("none"));
log.push(e.listenerCount("a"), e.eventNames().map(String).join("|"), e.getMaxListeners());
class Sub extends EventEmitter { constructor() { super(); this.tag = "sub"; } }
const s = new Sub();
s.on("x", function () { log.push("this:" + this.tag); });
s.emit("x");
log.push(s instanceof EventEmitter, s instanceof Sub, EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners);
function Old() { EventEmitter.call(this); }
inherits(Old, EventEmitter);
const o = new Old();
o.on("y", (v) => log.push("old:" + v));
o.emit("y", 7);
try { e.emit("error", new TypeError("bad")); } catch (err) { log.push("thrown:" + err.message); }
try { e.emit("error", "str"); } catch (err) { log.push("code:" + err.code); }
const h = () => log.push("never");
e.on("b", h); e.off("b", h); e.emit("b");
e.on("removeListener", (n) => log.push("removed:" + n));
e.on("c", h); e.removeListener("c", h);
const sym = Symbol("s"); e.on(sym, () => log.push("sym")); e.emit(sym);
try { e.on("z", 1); } catch (err) { log.push(err.name); }
const later = once(e, "later");
e.emit("later", 1, 2);
const args = await later;
log.push("once:" + args.join(","));
  var expected = ["new:a", "new:a", "new:a", "a0", "a1:12", "once", "a0", "a1:34", "true", "true", "false", "2", "newListener|a", "10", "this:sub", "true", "true", "true", "10", "old:7", "thrown:bad", "code:ERR_UNHANDLED_ERROR", "new:b", "new:removeListener", "new:c", "removed:c", "new:Symbol(s)", "sym", "TypeError", "new:later", "new:error", "removed:later", "removed:error", "once:1,2"];
  var lines = log.map(String);
  assert.sameValue(lines.length, expected.length, "as many lines as node");
  for (var i = 0; i < expected.length; i++) assert.sameValue(lines[i], expected[i], "line " + (i + 1));
  $DONE();
} catch (error) {
  $DONE(error);
}
