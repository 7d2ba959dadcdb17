// The smallest Workers-style app: one Response for every request.
//
//   nano-boa serve --app examples/apps/hello
//   curl http://127.0.0.1:3000/
export default {
  fetch(request, env) {
    const greeting = env.GREETING ?? "Hello";
    return new Response(`${greeting} from nano-boa!\n`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
