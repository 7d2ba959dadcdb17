// Pages rendered with hono/jsx (esbuild compiles the JSX: --jsx=automatic
// --jsx-import-source=hono/jsx in package.json's build script).
import { Suspense } from "hono/jsx";

export function ItemList({ items }) {
  return (
    <ul class="items" data-count={items.length}>
      {items.map((item) => (
        <li key={item.id}>{item.name}</li>
      ))}
    </ul>
  );
}

// Resolves after `ms`: the page streams its fallback first, then this.
async function Slow({ ms, text }) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return <p class="slow">{text}</p>;
}

export function StreamedPage({ ms }) {
  return (
    <html>
      <body>
        <h1>Streaming SSR</h1>
        <Suspense fallback={<p>loading...</p>}>
          <Slow ms={ms} text="loaded & <escaped>" />
        </Suspense>
      </body>
    </html>
  );
}

// Elements for app.js, which is plain JavaScript.
export const itemsPage = (items) => <ItemList items={items} />;
export const streamedPage = (ms) => <StreamedPage ms={ms} />;
