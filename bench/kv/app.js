// KV throughput from one app: GET /put?n=N does N puts (100-byte values,
// 100 keys), GET /get?n=N does N gets of those keys, one after another
// (each awaited, as app code usually does). The same file runs on nano-boa
// and on workerd (miniflare); the timing is taken outside, by the client.
const value = "v".repeat(100);
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 1000);
    if (url.pathname === "/put") {
      for (let i = 0; i < n; i++) await env.BENCH.put("key" + (i % 100), value);
    } else if (url.pathname === "/get") {
      let found = 0;
      for (let i = 0; i < n; i++) if ((await env.BENCH.get("key" + (i % 100))) !== null) found++;
      if (found !== n) return new Response(`missing keys: ${n - found}`, { status: 500 });
    }
    return new Response(String(n));
  },
};
