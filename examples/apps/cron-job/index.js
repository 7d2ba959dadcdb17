// A cron job: every five minutes (see "crons" in examples/nano.json) it
// records the run in KV; GET shows the last runs.
//
//   nano-boa serve --config examples/nano.json --admin-port 9000   # NANO_ADMIN_TOKEN=secret
//   curl -X POST -H 'Authorization: Bearer secret' \
//     'http://127.0.0.1:9000/admin/apps/cron-job/scheduled?cron=*/5+*+*+*+*'
//   curl -H 'Host: cron.localhost' http://127.0.0.1:3000/
export default {
  async scheduled(controller, env, ctx) {
    const runs = JSON.parse((await env.JOBS.get("runs")) ?? "[]");
    runs.unshift({ cron: controller.cron, at: new Date(controller.scheduledTime).toISOString() });
    // waitUntil: the run is over when the write is.
    ctx.waitUntil(env.JOBS.put("runs", JSON.stringify(runs.slice(0, 10))));
  },
  async fetch(request, env) {
    return new Response((await env.JOBS.get("runs")) ?? "[]", {
      headers: { "content-type": "application/json" },
    });
  },
};
