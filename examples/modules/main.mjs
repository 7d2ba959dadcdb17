// An ES module: relative imports, a JSON module, import.meta and top-level await.
import { greet } from "./greeting.mjs";
import config from "./config.json" with { type: "json" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

console.log(greet(config.name));
console.log(`this module: ${import.meta.url}`);
await sleep(config.delayMs);
console.log(`waited ${config.delayMs} ms with top-level await`);
