// A hit counter in KV with a greeting from [vars]; the daily cron resets it.
export default {
  async fetch(request, env) {
    const hits = Number((await env.HITS.get("hits")) ?? 0) + 1;
    await env.HITS.put("hits", String(hits));
    return Response.json({ message: env.MESSAGE, hits });
  },
  async scheduled(controller, env) {
    await env.HITS.put("hits", "0");
  },
};
