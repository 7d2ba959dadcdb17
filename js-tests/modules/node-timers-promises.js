/*---
description: >
  node:timers/promises: setTimeout with a value, setImmediate,
  scheduler.wait, an AbortSignal (aborted later, already aborted, not a
  signal) and setInterval's async iterator. The expected lines are node
  v20's output for the same code.
flags: [module, async]
---*/
import { setTimeout as sleep, setImmediate, setInterval, scheduler } from "node:timers/promises";
try {
const log = [];
const t0 = Date.now();
log.push(await sleep(20, "slept"));
log.push(Date.now() - t0 >= 19);
log.push(await setImmediate("immediate"));
await scheduler.wait(5);
const ac = new AbortController();
const p = sleep(10000, "never", { signal: ac.signal });
ac.abort("why");
try { await p; } catch (e) { log.push(e.name, e.code, e.cause, e.message); }
try { await sleep(1, 1, { signal: AbortSignal.abort() }); } catch (e) { log.push("pre-aborted", e.name); }
try { await sleep(1, 1, { signal: 5 }); } catch (e) { log.push(e.name); }
let n = 0;
for await (const v of setInterval(5, "tick")) { log.push(v); if (++n === 3) break; }
  var expected = ["slept", "true", "immediate", "AbortError", "ABORT_ERR", "why", "The operation was aborted", "pre-aborted", "AbortError", "TypeError", "tick", "tick", "tick"];
  var lines = log.map(String);
  assert.sameValue(lines.length, expected.length, "as many lines as node");
  for (var i = 0; i < expected.length; i++) assert.sameValue(lines[i], expected[i], "line " + (i + 1));
  $DONE();
} catch (error) {
  $DONE(error);
}
