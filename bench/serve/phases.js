// Per-request phases of the serve benchmark apps, in isolation: what the
// JavaScript side of one request costs (µs per operation, mean over N runs
// after a warm-up). Not a server benchmark; a profile aid.
//   nano-boa run bench/serve/phases.js     (and: node / bun / deno run ...)
// The server's own steps are approximated with public constructors:
// createRequest builds a Request with the request's headers (wrk sends
// only Host); responseParts reads the Response back.
const N = Number(globalThis.process?.env?.N ?? 20000);
const rows = [];
function phase(name, f) {
  for (let i = 0; i < 500; i++) f(i);
  const start = performance.now();
  for (let i = 0; i < N; i++) f(i);
  rows.push([name, ((performance.now() - start) * 1000) / N]);
}
const url = "http://127.0.0.1:8080/items";
const items = [
  { id: 1, name: "notebook", tags: ["paper", "a5"], price: 4.5 },
  { id: 2, name: "pen", tags: ["ink", "blue"], price: 1.2 },
  { id: 3, name: "stapler", tags: ["office"], price: 9.9 },
];
phase("empty function call", () => {});
phase("new Headers()", () => new Headers());
phase("new Headers([[host, value]])", () => new Headers([["host", "127.0.0.1:8080"]]));
phase("new Headers({ content-type })", () => new Headers({ "content-type": "text/plain; charset=utf-8" }));
phase("new Request(url)", () => new Request(url));
phase("new Request(url, { method, headers: [[host]] })  ~ createRequest", () =>
  new Request(url, { method: "GET", headers: [["host", "127.0.0.1:8080"]] }));
phase("new Response(null)", () => new Response(null));
phase("new Response(text)", () => new Response("Hello, world!\n"));
phase("new Response(text, { headers: { content-type } })  = hello.js", () =>
  new Response("Hello, world!\n", { headers: { "content-type": "text/plain; charset=utf-8" } }));
phase("new URL(url)", () => new URL(url));
phase("new URL(url).pathname.split('/').filter(Boolean)", () => new URL(url).pathname.split("/").filter(Boolean));
phase("JSON.stringify(3 items)", () => JSON.stringify(items));
phase("Response.json(3 items)", () => Response.json(items, { status: 200 }));
phase("await new Response(text).arrayBuffer()  ~ responseParts", () => new Response("Hello, world!\n").arrayBuffer());
// WebIDL/Fetch helpers as fetch.js writes them, and cheaper equivalents.
const s = "text/plain; charset=utf-8";
phase("ByteString check: charCodeAt loop (26 chars)", () => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) throw new TypeError();
});
const NON_BYTE = /[^\0-\xff]/;
phase("ByteString check: one regex test", () => NON_BYTE.test(s));
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;
phase("token check: TOKEN.test(name) (fetch.js's regex)", () => TOKEN.test("content-type"));
phase("value trim: value.replace(HTTP_WS, '') (fetch.js's regex)", () => s.replace(HTTP_WS, ""));
const pairs = [["host", "127.0.0.1:8080"]];
phase("for-of over pairs + [...pair]", () => { for (const p of pairs) [...p]; });
phase("indexed loop over pairs", () => { for (let i = 0; i < pairs.length; i++) [pairs[i][0], pairs[i][1]]; });
const o = { "content-type": s };
phase("record: Reflect.ownKeys + getOwnPropertyDescriptor", () => {
  for (const k of Reflect.ownKeys(o)) Reflect.getOwnPropertyDescriptor(o, k);
});
phase("record: Object.keys", () => Object.keys(o));
phase("WeakMap set + get", () => { const k = {}; const w = new WeakMap(); w.set(k, 1); w.get(k); });
const width = Math.max(...rows.map(([n]) => n.length));
for (const [name, us] of rows) console.log(`${name.padEnd(width)}  ${us.toFixed(2).padStart(8)} µs`);
