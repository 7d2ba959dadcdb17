// A page-view counter per path on Workers KV (env.COUNTS), with the last
// visit time as the key's metadata, and a listing of the counted paths.
//
//   nano-boa serve --config examples/nano.json
//   curl -H 'Host: kv.localhost' http://127.0.0.1:3000/hello    # 1, 2, 3, ...
//   curl -H 'Host: kv.localhost' http://127.0.0.1:3000/_list    # every path and its count
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/_list") {
      const counted = [];
      let cursor;
      do {
        // Pages of 100 keys, as an app with many keys would read them.
        const page = await env.COUNTS.list({ prefix: "views:", limit: 100, cursor });
        for (const key of page.keys) {
          counted.push({
            path: key.name.slice("views:".length),
            lastVisit: key.metadata?.lastVisit,
            views: Number(await env.COUNTS.get(key.name)),
          });
        }
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return Response.json(counted);
    }
    const key = "views:" + pathname;
    const views = Number((await env.COUNTS.get(key)) ?? 0) + 1;
    await env.COUNTS.put(key, String(views), {
      metadata: { lastVisit: new Date().toISOString() },
    });
    return new Response(`${pathname} has been seen ${views} time${views === 1 ? "" : "s"}\n`);
  },
};
