// Server-sent events: a counter event every second, streamed as the app
// writes it (the response body is a ReadableStream; nano-boa sends it
// chunked and flushes each chunk). When the client goes away the server
// cancels the stream, and `cancel` stops the timer.
//
//   nano-boa serve --app examples/apps/sse
//   curl -N http://127.0.0.1:3000/
const encoder = new TextEncoder();

export default {
  fetch(request) {
    let timer;
    let count = 0;
    const events = new ReadableStream({
      start(controller) {
        // A comment line first, so that the client sees the stream open.
        controller.enqueue(encoder.encode(": counting\n\n"));
        timer = setInterval(() => {
          count += 1;
          const data = JSON.stringify({ count, at: new Date().toISOString() });
          controller.enqueue(encoder.encode(`event: tick\nid: ${count}\ndata: ${data}\n\n`));
        }, 1000);
      },
      cancel() {
        clearInterval(timer);
        console.log(`client gone after ${count} events`);
      },
    });
    return new Response(events, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
      },
    });
  },
};
