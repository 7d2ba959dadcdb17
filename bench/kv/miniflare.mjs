// workerd's local KV through miniflare, serving bench/kv/app.js on PORT;
// KV_PERSIST=dir keeps the namespace on disk (miniflare's SQLite storage).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
const require = createRequire(path.join(process.env.MINIFLARE_PREFIX, "node_modules", "x.js"));
const { Miniflare } = require("miniflare");
const mf = new Miniflare({
  modules: true,
  script: fs.readFileSync(new URL("./app.js", import.meta.url), "utf8"),
  kvNamespaces: { BENCH: "bench" },
  kvPersist: process.env.KV_PERSIST || false,
  port: Number(process.env.PORT),
  host: "127.0.0.1",
  compatibilityDate: "2025-01-01",
});
await mf.ready;
console.log("ready");
process.on("SIGTERM", async () => { await mf.dispose(); process.exit(0); });
