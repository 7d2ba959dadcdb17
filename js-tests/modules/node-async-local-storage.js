/*---
description: >
  node:async_hooks AsyncLocalStorage: run/exit/getStore/enterWith/disable,
  bind and snapshot, AsyncResource, and the store carried across await,
  promise reactions, setTimeout, setInterval, queueMicrotask and a native
  crypto.subtle task, with two concurrent runs kept apart. The expected
  lines are node v20's output for the same code.
flags: [module]
---*/
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { inspect as __inspect } from "node:util";
var out = [];
var log = (...a) => out.push(a.map((x) => (typeof x === "string" ? x : __inspect(x))).join(" "));
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
log(als.getStore());
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];
async function handler(id) {
  await null;
  const a = als.getStore();
  await wait(5 * (3 - id));
  const b = als.getStore();
  const c = await new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 1));
  const d = await new Promise((resolve) => queueMicrotask(() => resolve(als.getStore())));
  const e = await Promise.resolve().then(() => als.getStore());
  const f = await crypto.subtle.digest("SHA-256", new Uint8Array([1])).then(() => als.getStore());
  return [id, a, b, c, d, e, f].map((x) => JSON.stringify(x)).join(",");
}
const all = await Promise.all([1, 2].map((id) => als.run({ id }, handler, id)));
log(all.join(" | "));
log(als.getStore(), als.run(7, () => other.run(8, () => [als.getStore(), other.getStore()].join())), als.getStore());
log(als.run(1, () => als.exit(() => als.getStore())), als.run(1, (x, y) => x + y + als.getStore(), 2, 3));
try { als.run(5, () => { throw new Error("inner"); }); } catch (e) { log(e.message, als.getStore()); }
const bound = als.run("b", () => AsyncLocalStorage.bind(() => als.getStore())); log(bound(), als.getStore());
const snap = als.run("s", () => AsyncLocalStorage.snapshot()); log(snap(() => als.getStore()), snap((x) => x * 2, 21));
await als.run("t", async () => { await wait(1); log("after await in run", als.getStore()); });
const r = als.run("res", () => new AsyncResource("X")); log(r.runInAsyncScope(function (a) { return [als.getStore(), this.v, a].join(); }, { v: 1 }, 2), als.getStore());
log(r.bind(() => als.getStore())());
als.run("interval", () => { let n = 0; const t = setInterval(() => { n++; if (n === 2) { clearInterval(t); log("interval", als.getStore(), n); } }, 1); });
await wait(20);
await new Promise((resolve) => { als.run("ew", () => { als.enterWith("entered"); setTimeout(() => { log("enterWith timer", als.getStore()); resolve(); }, 1); }); });
const s2 = new AsyncLocalStorage(); s2.enterWith("x"); s2.disable(); log("disabled", s2.getStore());
for (const f of [() => als.run(1, 5), () => AsyncLocalStorage()]) { try { f(); log("no error"); } catch (e) { log(e.name, e.code); } }
log(typeof (await import("node:async_hooks")).createHook);
var expected = ["undefined", "1,{\"id\":1},{\"id\":1},{\"id\":1},{\"id\":1},{\"id\":1},{\"id\":1} | 2,{\"id\":2},{\"id\":2},{\"id\":2},{\"id\":2},{\"id\":2},{\"id\":2}", "undefined 7,8 undefined", "undefined 6", "inner undefined", "b undefined", "s 42", "after await in run t", "res,1,2 undefined", "res", "interval interval 2", "enterWith timer entered", "disabled undefined", "TypeError undefined", "TypeError undefined", "function"];
assert.sameValue(out.length, expected.length, "as many lines as node");
for (var i = 0; i < expected.length; i++) assert.sameValue(out[i], expected[i], "line " + (i + 1));
