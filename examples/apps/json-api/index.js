// A small JSON API: routing by method and path, JSON bodies, errors as
// JSON, and module state that lives as long as the app stays warm (per
// worker thread, as per isolate in Workers).
//
//   nano-boa serve --config examples/nano.json
//   curl -H 'Host: api.localhost' http://127.0.0.1:3000/items
//   curl -H 'Host: api.localhost' -d '{"name":"pen"}' http://127.0.0.1:3000/items

const items = new Map([[1, { id: 1, name: "notebook" }]]);
let nextId = 2;

const json = (data, status = 200) => Response.json(data, { status });

async function create(request) {
  let body;
  try {
    body = await request.json();
  } catch {
    return json({ error: "the body is not JSON" }, 400);
  }
  if (typeof body?.name !== "string" || body.name === "") {
    return json({ error: "\"name\" must be a non-empty string" }, 422);
  }
  const item = { id: nextId++, name: body.name };
  items.set(item.id, item);
  return json(item, 201);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.length === 0) {
      return json({ service: env.SERVICE_NAME, version: env.VERSION, endpoints: ["/items", "/items/:id"] });
    }
    if (parts[0] !== "items" || parts.length > 2) return json({ error: "not found" }, 404);
    if (parts.length === 1) {
      if (request.method === "GET") return json([...items.values()]);
      if (request.method === "POST") return create(request);
      return json({ error: `${request.method} is not allowed here` }, 405);
    }
    const item = items.get(Number(parts[1]));
    if (!item) return json({ error: `no item ${parts[1]}` }, 404);
    if (request.method === "GET") return json(item);
    if (request.method === "DELETE") {
      items.delete(item.id);
      return new Response(null, { status: 204 });
    }
    return json({ error: `${request.method} is not allowed here` }, 405);
  },
};
