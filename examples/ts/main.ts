// TypeScript runs as it is: `nano-boa run examples/ts/main.ts`.
// Types are stripped (no type checking, as `deno run` and bun); enums,
// namespaces and parameter properties become JavaScript.
import { Inventory, type Product } from "./inventory.ts";

enum Currency {
  Eur = "EUR",
  Usd = "USD",
}

const products: Product[] = [
  { sku: "a-1", name: "kettle", cents: 2999 },
  { sku: "b-2", name: "mug", cents: 899 },
];

const inventory = new Inventory(Currency.Eur);
for (const product of products) inventory.add(product, 3);
inventory.add(products[1]!, 2);

console.log(`${inventory.count("b-2")} mugs`);
console.log(`stock value: ${inventory.value()} ${inventory.currency}`);
