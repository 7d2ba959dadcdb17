// Per-operation cost of the web/engine hot paths a real app hits per
// request: JSON.parse / JSON.stringify of a 68 KB API payload,
// Response.json() of it, new URL(u).pathname, an event dispatch and an
// aborted AbortController. The same file runs on
// nano-boa, node, deno and bun (bench/hot-paths.sh); each line is
// "name median_us", the median of several timed batches after a warm-up.

function payload() {
  // A deterministic list of users, about 68 KB of JSON: strings, numbers,
  // booleans, nulls, nested objects and arrays, a few escapes.
  const users = [];
  for (let i = 0; i < 340; i++) {
    users.push({
      id: i,
      name: `User ${i} "the ${i % 7}th"`,
      email: `user${i}@example.com`,
      active: i % 3 !== 0,
      score: i * 1.25 - 40,
      manager: i % 10 === 0 ? null : i - (i % 10),
      tags: ["alpha", "beta", "gamma"].slice(0, (i % 3) + 1),
      address: { street: `${i} Main St\n`, city: "Zürich", zip: String(8000 + i) },
    });
  }
  return JSON.stringify({ total: users.length, page: 1, users });
}

const now = () => performance.now();

// Synchronous operations are timed in a plain loop; an `await` per call
// would add a microtask turn to each (about 2 µs in Boa's interpreter,
// more than a URL parse).
function measureSync(name, batch, fn) {
  for (let i = 0; i < batch; i++) fn();
  const samples = [];
  for (let round = 0; round < 7; round++) {
    const start = now();
    for (let i = 0; i < batch; i++) fn();
    samples.push(((now() - start) * 1000) / batch);
  }
  report(name, samples);
}

async function measureAsync(name, batch, fn) {
  for (let i = 0; i < batch; i++) await fn();
  const samples = [];
  for (let round = 0; round < 7; round++) {
    const start = now();
    for (let i = 0; i < batch; i++) await fn();
    samples.push(((now() - start) * 1000) / batch);
  }
  report(name, samples);
}

function report(name, samples) {
  samples.sort((a, b) => a - b);
  console.log(`${name} ${samples[3].toFixed(2)}`);
}

const text = payload();
const value = JSON.parse(text);
if (text.length < 60000 || text.length > 80000) throw new Error(`payload is ${text.length} bytes`);
if (JSON.stringify(JSON.parse(text)) !== text) throw new Error("JSON round trip differs");

let sink = 0;
measureSync("json_parse_68k", 10, () => {
  sink += JSON.parse(text).users.length;
});
measureSync("json_stringify_68k", 10, () => {
  sink += JSON.stringify(value).length;
});
await measureAsync("response_json_68k", 10, async () => {
  sink += (await new Response(text).json()).users.length;
});
const u = "https://example.com:8080/users/42/posts?sort=desc&page=2#top";
measureSync("url_pathname", 2000, () => {
  sink += new URL(u).pathname.length;
});
// An EventTarget with one listener, and a Request-style AbortController.
const target = new EventTarget();
target.addEventListener("ping", () => {
  sink++;
});
measureSync("dispatch_event", 2000, () => {
  target.dispatchEvent(new Event("ping"));
});
measureSync("abort_controller", 2000, () => {
  const controller = new AbortController();
  controller.abort();
  sink += controller.signal.aborted ? 1 : 0;
});
if (sink === 0) throw new Error("nothing measured");
