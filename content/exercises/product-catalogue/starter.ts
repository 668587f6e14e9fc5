// The capstone: the keys are in the statement above. Everything here runs on your own KV keys.

export interface Product {
  id: number;
  name: string;
  priceCents: number;
}

/** The part of a KV namespace this module uses (a real `KVNamespace` fits). */
export interface Kv {
  get(key: string, type?: 'text' | 'json'): Promise<any>;
  getWithMetadata(key: string, type: 'json'): Promise<{ value: any; metadata: any }>;
  put(key: string, value: string, options?: { expirationTtl?: number; metadata?: unknown }): Promise<void>;
}

export interface ListOptions {
  /** The Worker's `ctx.waitUntil`. */
  waitUntil: (promise: Promise<unknown>) => void;
  staleAfterMs?: number;
  ttlSeconds?: number;
}

/** The catalogue's version (`catalogue:version`): 1 until the first edit. */
export async function catalogueVersion(kv: Kv): Promise<number> {
  return 1;
}

/** HIT, STALE (refreshed through waitUntil), MISS, or FALLBACK when the origin fails. */
export async function listProducts(
  kv: Kv,
  loadProducts: () => Promise<Product[]>,
  { waitUntil, staleAfterMs = 60_000, ttlSeconds = 3600 }: ListOptions,
): Promise<{ products: Product[]; cache: 'HIT' | 'STALE' | 'MISS' | 'FALLBACK' }> {
  return { products: await loadProducts(), cache: 'MISS' };
}

/** One product, cache-aside under `product:<id>`. */
export async function getProduct(
  kv: Kv,
  id: number,
  loadProduct: () => Promise<Product | null>,
  { ttlSeconds = 3600 }: { ttlSeconds?: number } = {},
): Promise<{ product: Product | null; cache: 'HIT' | 'MISS' }> {
  return { product: await loadProduct(), cache: 'MISS' };
}

/** Save to the origin first, then write the product through and store the next version. */
export async function updateProduct(
  kv: Kv,
  edit: Product,
  saveToOrigin: (edit: Product) => Promise<Product>,
  { ttlSeconds = 3600 }: { ttlSeconds?: number } = {},
): Promise<{ product: Product; version: number }> {
  const product = await saveToOrigin(edit);
  return { product, version: 1 };
}
