// Serves a Workers-style module with Bun.serve:
//   bun bench/serve/bun-adapter.js APP.js PORT
import path from "node:path";

const [file, port = "3000"] = process.argv.slice(2);
const app = (await import(path.resolve(file))).default;
const env = {};
const ctx = { waitUntil() {}, passThroughOnException() {} };
Bun.serve({
  hostname: "127.0.0.1",
  port: Number(port),
  fetch: (request) => app.fetch(request, env, ctx),
});
