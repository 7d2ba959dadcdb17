// Throughput benchmark app: a trimmed copy of examples/apps/json-api.
// GET /items answers a fixed list, so every runtime does the same work per
// request: URL parsing, path routing, a JSON body.
const items = new Map([
  [1, { id: 1, name: "notebook", tags: ["paper", "a5"], price: 4.5 }],
  [2, { id: 2, name: "pen", tags: ["ink", "blue"], price: 1.2 }],
  [3, { id: 3, name: "stapler", tags: ["office"], price: 9.9 }],
]);

const json = (data, status = 200) => Response.json(data, { status });

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts.length === 0) return json({ service: "items", endpoints: ["/items", "/items/:id"] });
    if (parts[0] !== "items" || parts.length > 2) return json({ error: "not found" }, 404);
    if (parts.length === 1) {
      if (request.method === "GET") return json([...items.values()]);
      return json({ error: `${request.method} is not allowed here` }, 405);
    }
    const item = items.get(Number(parts[1]));
    if (!item) return json({ error: `no item ${parts[1]}` }, 404);
    if (request.method === "GET") return json(item);
    return json({ error: `${request.method} is not allowed here` }, 405);
  },
};
