// A Hono app in the Workers module format: `export default app`, where app
// (a Hono instance) has `fetch(request, env, ctx)`. `npm run build` bundles it
// with hono into dist/app.mjs; then
//
//   nano-boa serve --app dist/app.mjs
//   deno serve dist/app.mjs
//
// serve it the same way. examples/interop/check.sh sends a fixed list of
// requests to nano-boa and compares the answers with deno's (expected.json).
import { Hono } from "hono";
import { basicAuth } from "hono/basic-auth";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { stream, streamSSE, streamText } from "hono/streaming";
import { compress } from "hono/compress";
import { jwt, sign } from "hono/jwt";
import { secureHeaders } from "hono/secure-headers";
import { prettyJSON } from "hono/pretty-json";
import { bodyLimit } from "hono/body-limit";
import { validator } from "hono/validator";
import { renderToReadableStream } from "hono/jsx/streaming";
import { itemsPage, streamedPage } from "./views.jsx";

const app = new Hono();

// How long the streaming routes wait between chunks, so a client can see the
// first chunk arrive before the handler has written the last.
const CHUNK_GAP_MS = 300;
// The HS256 secret of the /token and /auth/* routes (hono/jwt).
const JWT_SECRET = "a-test-secret-of-thirty-two-bytes!";

// Middleware: every response says which app made it, and how long the
// handler took (x-elapsed-ms, not compared: it varies).
app.use("*", async (c, next) => {
  const start = performance.now();
  await next();
  c.res.headers.set("x-app", "hono-example");
  c.res.headers.set("x-elapsed-ms", (performance.now() - start).toFixed(1));
});

app.use("/api/*", cors({ origin: ["https://example.com"], allowHeaders: ["x-token"], maxAge: 600 }));
app.use("/admin/*", basicAuth({ username: "ada", password: "lovelace" }));
app.use("/etag/*", etag());
app.use("/secure/*", secureHeaders());
app.use("/pretty/*", prettyJSON());
app.use("/big/*", compress());
app.use("/auth/*", jwt({ secret: JWT_SECRET, alg: "HS256" }));

app.get("/", (c) => c.text("Hello from Hono!"));

// Routing with params and query.
app.get("/users/:id", (c) => {
  const id = c.req.param("id");
  return c.json({ id, fields: c.req.query("fields")?.split(",") ?? [] });
});
app.get("/posts/:year{[0-9]{4}}/:slug", (c) => c.json(c.req.param()));
app.get("/search", (c) =>
  c.json({ q: c.req.query("q") ?? null, tags: c.req.queries("tag") ?? [], all: c.req.query() }),
);
app.get("/files/*", (c) => c.text(`file: ${c.req.path.slice("/files/".length)}`));

// Bodies: JSON in, JSON out; forms; raw bytes.
app.post("/echo", async (c) => {
  let body;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: "body is not JSON" });
  }
  return c.json({ received: body, contentType: c.req.header("content-type") }, 201);
});
app.post("/form", async (c) => {
  const form = await c.req.parseBody({ all: true });
  const fields = {};
  for (const [name, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    fields[name] = values.map((v) =>
      typeof v === "string" ? v : { file: v.name, type: v.type, size: v.size },
    );
  }
  return c.json(fields);
});
app.put("/bytes", async (c) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return c.json({ length: bytes.length, sha256: hex });
});
app.get("/big/bytes", (c) => {
  const kib = Number(c.req.query("kib") ?? 1);
  const bytes = new Uint8Array(kib * 1024).map((_, i) => 97 + (i % 26));
  return c.body(bytes, 200, { "content-type": "application/octet-stream" });
});
app.delete("/users/:id", (c) => c.body(null, 204));

// Headers and cookies.
app.get("/whoami", (c) =>
  c.json({ agent: c.req.header("user-agent") ?? null, lang: c.req.header("accept-language") ?? null, session: getCookie(c, "session") ?? null }),
);
app.post("/login", (c) => {
  setCookie(c, "session", "abc123", { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 3600 });
  return c.json({ ok: true });
});
app.get("/redirect", (c) => c.redirect("/users/7?fields=name"));
app.get("/html", (c) => c.html("<h1>Hono</h1><p>on a Workers runtime</p>"));
app.get("/jsx", (c) => c.html(itemsPage([{ id: 1, name: "tea & cake" }, { id: 2, name: "<scone>" }])));

// CORS-protected API and basic-auth admin area.
app.get("/api/items", (c) => c.json([{ id: 1, name: "tea" }, { id: 2, name: "scone" }]));
app.get("/admin/stats", (c) => c.json({ users: 42 }));

// ETag middleware: a SHA-1 of the body through crypto.subtle.
app.get("/etag/doc", (c) => c.text("a document with an entity tag"));

// Security headers, pretty JSON (?pretty), compression (gzip or deflate,
// through CompressionStream), a body limit and a validator.
app.get("/secure/page", (c) => c.text("secured"));
app.get("/pretty/data", (c) => c.json({ a: [1, 2], b: { c: "d" } }));
app.get("/big/text", (c) => c.text("nano-boa and hono. ".repeat(200)));
app.post(
  "/limited",
  bodyLimit({ maxSize: 16, onError: (c) => c.json({ error: "too large" }, 413) }),
  async (c) => c.json({ got: await c.req.text() }),
);
app.post(
  "/validated",
  validator("json", (value, c) => {
    if (typeof value?.name !== "string" || value.name.length === 0) {
      return c.json({ error: "name is required" }, 422);
    }
    return { name: value.name.trim() };
  }),
  (c) => c.json({ hello: c.req.valid("json").name }),
);

// JWT: /token signs one with hono/jwt (HS256, deterministic), /auth/*
// requires it as a Bearer token.
app.get("/token", async (c) =>
  c.json({ token: await sign({ sub: "ada", role: "admin", exp: 4102444800 }, JWT_SECRET, "HS256") }),
);
app.get("/auth/me", (c) => c.json({ payload: c.get("jwtPayload") }));

// A sub-app mounted under /v2.
const v2 = new Hono();
v2.get("/hello/:name", (c) => c.json({ v: 2, hello: c.req.param("name") }));
app.route("/v2", v2);

// Errors: an HTTPException keeps its status; anything else is a 500.
app.get("/teapot", () => {
  throw new HTTPException(418, { message: "I am a teapot" });
});
app.get("/boom", () => {
  throw new Error("something broke");
});

// Streaming helpers. Each waits CHUNK_GAP_MS between chunks.
app.get("/stream/text", (c) =>
  streamText(c, async (s) => {
    for (const word of ["one", "two", "three"]) {
      await s.writeln(word);
      await s.sleep(CHUNK_GAP_MS);
    }
    await s.write("done");
  }),
);
app.get("/stream/bytes", (c) => {
  c.header("content-type", "application/octet-stream");
  return stream(c, async (s) => {
    for (let i = 0; i < 3; i++) {
      await s.write(new Uint8Array([0x30 + i, 0x0a]));
      await s.sleep(CHUNK_GAP_MS);
    }
  });
});
// Server-side rendering with Suspense: the fallback first, the rest later.
app.get("/stream/jsx", (c) =>
  c.body(renderToReadableStream(streamedPage(CHUNK_GAP_MS)), {
    headers: { "content-type": "text/html; charset=UTF-8" },
  }),
);
app.get("/stream/sse", (c) =>
  streamSSE(c, async (s) => {
    for (let id = 1; id <= 3; id++) {
      await s.writeSSE({ event: "tick", id: String(id), data: JSON.stringify({ n: id }) });
      await s.sleep(CHUNK_GAP_MS);
    }
    await s.writeSSE({ event: "end", data: "bye" });
  }),
);

// A stream that goes on until the client leaves: the server cancels the
// response stream, hono calls onAbort. /stream/aborted tells what happened
// to the last one (module state: check.sh serves with --threads 1).
let lastForever = { started: false, aborted: false, writes: 0 };
app.get("/stream/forever", (c) =>
  streamSSE(c, async (s) => {
    const state = (lastForever = { started: true, aborted: false, writes: 0 });
    s.onAbort(() => {
      state.aborted = true;
    });
    while (!s.aborted && state.writes < 600) {
      await s.writeSSE({ data: String(state.writes++) });
      await s.sleep(50);
    }
  }),
);
app.get("/stream/aborted", (c) =>
  c.json({ started: lastForever.started, aborted: lastForever.aborted, wroteSome: lastForever.writes > 0 }),
);

app.notFound((c) => c.json({ error: "not found", path: c.req.path }, 404));
app.onError((err, c) => {
  if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
  return c.json({ error: "internal", message: err.message }, 500);
});

export default app;
