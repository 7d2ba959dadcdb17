// Serves a Workers-style module (`export default { fetch }`) with node:http:
//   node bench/serve/node-adapter.mjs APP.js PORT
// Each request becomes a WHATWG Request (node >= 18 has the globals); the
// Response's status, headers and body are written back.
import http from "node:http";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [file, port = "3000"] = process.argv.slice(2);
const app = (await import(pathToFileURL(path.resolve(file)).href)).default;
const env = {};
const ctx = { waitUntil() {}, passThroughOnException() {} };

http
  .createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      }
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const response = await app.fetch(request, env, ctx);
      const out = Buffer.from(await response.arrayBuffer());
      const head = {};
      response.headers.forEach((value, name) => { head[name] = value; });
      head["content-length"] = out.length;
      res.writeHead(response.status, head);
      res.end(out);
    } catch (e) {
      console.error(e);
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error\n");
    }
  })
  .listen(Number(port), "127.0.0.1");
