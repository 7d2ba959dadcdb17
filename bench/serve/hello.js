// Throughput benchmark app: one small text Response for every request.
// Workers module format; every runtime in bench/serve.sh serves this file.
export default {
  fetch(request) {
    return new Response("Hello, world!\n", {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
