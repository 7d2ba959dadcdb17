// Fetches every URL given as an argument (default https://example.com/)
// concurrently and prints status, size and time for each, while an
// interval shows that the event loop stays live during the network waits.
//
//   just run examples/fetch.js
//   just run examples/fetch.js http://127.0.0.1:8080/ https://example.org/
//
// Exits 1 if any fetch failed (offline, every URL prints why).

const urls = process.argv.length > 2 ? process.argv.slice(2) : ["https://example.com/"];
const started = performance.now();
let ticks = 0;
const heartbeat = setInterval(() => {
  ticks++;
  if (ticks % 10 === 0) console.log(`  ... still waiting (${ticks * 50} ms)`);
}, 50);

async function get(url) {
  const t0 = performance.now();
  try {
    const response = await fetch(url);
    const bytes = (await response.arrayBuffer()).byteLength;
    const ms = (performance.now() - t0).toFixed(1);
    console.log(`${response.status} ${response.statusText} ${url}: ${bytes} bytes in ${ms} ms`);
    return true;
  } catch (error) {
    const code = error.cause?.code ? ` [${error.cause.code}]` : "";
    console.error(`failed ${url}: ${error.message}${code}`);
    return false;
  }
}

const results = await Promise.all(urls.map(get));
clearInterval(heartbeat);
const total = (performance.now() - started).toFixed(1);
console.log(`${results.filter(Boolean).length}/${urls.length} ok in ${total} ms; the interval ticked ${ticks} times meanwhile`);
if (!results.every(Boolean)) process.exitCode = 1;
