// Per-call cost (µs) of constructing Headers, Request and Response objects, the per-request JS work of `nano-boa serve`.
const N = 20000;
function bench(name, f) { let t = Date.now(); for (let i = 0; i < N; i++) f(i); console.log(name, ((Date.now() - t) * 1000 / N).toFixed(1), "us"); }
bench("new Response with headers", () => new Response("Hello, world!\n", { headers: { "content-type": "text/plain; charset=utf-8" } }));
bench("new Response", () => new Response("Hello, world!\n"));
bench("new Headers(1)", () => new Headers({ "content-type": "text/plain; charset=utf-8" }));
bench("new Request", () => new Request("http://localhost:3000/", { headers: { host: "localhost:3000", "user-agent": "wrk" } }));
bench("Response.json", () => Response.json({ ok: true }));
