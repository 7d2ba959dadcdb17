// 2000 fetches, at most 200 in flight, against the URL given as the first
// argument, while a 5 ms interval keeps ticking. Runs unchanged on
// nano-boa, node, bun and deno; bench/fetch.sh times it with hyperfine.
// Exits 1 if any response is wrong or the interval starved.
const url = (globalThis.process?.argv ?? [])[2] ?? globalThis.Deno?.args?.[0];
if (!url) throw new Error("usage: fetch-many.js URL");
const TOTAL = 2000;
const IN_FLIGHT = 200;

let ticks = 0;
const interval = setInterval(() => { ticks++; }, 5);
const started = Date.now();
let next = 0;
let bytes = 0;
let failures = 0;

async function worker() {
  while (next < TOTAL) {
    next++;
    const response = await fetch(url);
    const body = await response.text();
    if (response.status !== 200 || body.length === 0) failures++;
    bytes += body.length;
  }
}

await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
clearInterval(interval);
const elapsed = Date.now() - started;
// Busy loops tick less often than every 5 ms (node manages about one tick
// per 150 ms here); starved means not even one per half second.
const starved = elapsed > 1000 && ticks < elapsed / 500;
console.log(`${TOTAL} fetches, ${bytes} bytes, ${failures} failed, ${elapsed} ms, ${ticks} ticks`);
if (failures > 0 || starved) {
  console.error(failures > 0 ? "some fetches failed" : "the interval starved");
  (globalThis.process ?? { exit() {} }).exit?.(1);
  globalThis.Deno?.exit(1);
}
