// The event-loop ordering that node, deno and bun agree on:
// synchronous code, then microtasks (queueMicrotask, promise reactions,
// async continuations) in the order queued, then timers by deadline.
const log = [];
setTimeout(() => log.push("t10"), 10);
setTimeout(() => log.push("t0a"), 0);
setTimeout(() => log.push("t0b"), 0);
queueMicrotask(() => log.push("micro1"));
Promise.resolve().then(() => log.push("p1")).then(() => log.push("p2"));
(async () => { log.push("async-start"); await null; log.push("async-after-await"); })();
log.push("sync-end");
setTimeout(() => console.log(JSON.stringify(log)), 50);
