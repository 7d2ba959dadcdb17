export interface Product {
  sku: string;
  name: string;
  cents: number;
}

export class Inventory {
  private stock = new Map<string, { product: Product; count: number }>();

  constructor(public readonly currency: string) {}

  add(product: Product, count: number): void {
    const entry = this.stock.get(product.sku);
    if (entry) entry.count += count;
    else this.stock.set(product.sku, { product, count });
  }

  count(sku: string): number {
    return this.stock.get(sku)?.count ?? 0;
  }

  value(): string {
    let cents = 0;
    for (const { product, count } of this.stock.values()) cents += product.cents * count;
    return (cents / 100).toFixed(2);
  }
}
