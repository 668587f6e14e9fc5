/**
 * A product catalogue cached in KV: the list with stale-while-revalidate and a fallback,
 * each product with cache-aside, edits written through, and a version number that makes
 * every cached list unreachable the moment a product changes.
 *
 * Keys: `catalogue:version` (the current version, a whole number, never expires),
 * `products:v<version>` (the list cached at that version), `products:last-good` (the last
 * list the origin gave, kept for when the origin fails) and `product:<id>` (one product).
 */

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
  /** The Worker's `ctx.waitUntil`: the background refresh of a stale list goes here. */
  waitUntil: (promise: Promise<unknown>) => void;
  /** Age after which the cached list is served as STALE and refreshed. */
  staleAfterMs?: number;
  /** How long KV keeps a cached list (at least 60 s). */
  ttlSeconds?: number;
}

export type ListResult = { products: Product[]; cache: 'HIT' | 'STALE' | 'MISS' | 'FALLBACK' };

const VERSION_KEY = 'catalogue:version';
const LAST_GOOD_KEY = 'products:last-good';
const listKey = (version: number) => `products:v${version}`;
const productKey = (id: number) => `product:${id}`;

/** The catalogue's version: 1 until the first edit. */
export async function catalogueVersion(kv: Kv): Promise<number> {
  const stored = Number(await kv.get(VERSION_KEY));
  return Number.isInteger(stored) && stored >= 1 ? stored : 1;
}

/** Load the list from the origin and cache it under this version, and as the last good copy. */
async function loadAndCache(kv: Kv, version: number, loadProducts: () => Promise<Product[]>, ttlSeconds: number) {
  const products = await loadProducts();
  const value = JSON.stringify(products);
  await kv.put(listKey(version), value, { expirationTtl: ttlSeconds, metadata: { cached_at: Date.now() } });
  // No TTL: this copy exists for the day the origin is down, however long ago it was read.
  await kv.put(LAST_GOOD_KEY, value, { metadata: { cached_at: Date.now() } });
  return products;
}

/**
 * The product list: HIT when the cached copy is fresh, STALE (served at once, refreshed through
 * `waitUntil`) when it is older than `staleAfterMs`, MISS when there is none, and FALLBACK with
 * the last good copy when there is none and the origin fails.
 */
export async function listProducts(
  kv: Kv,
  loadProducts: () => Promise<Product[]>,
  { waitUntil, staleAfterMs = 60_000, ttlSeconds = 3600 }: ListOptions,
): Promise<ListResult> {
  const version = await catalogueVersion(kv);
  const { value, metadata } = await kv.getWithMetadata(listKey(version), 'json');
  if (value !== null) {
    const ageMs = Date.now() - (metadata?.cached_at ?? 0);
    if (ageMs <= staleAfterMs) return { products: value, cache: 'HIT' };
    // Nobody awaits the refresh, so its failure is caught here: the stale copy stays.
    waitUntil(loadAndCache(kv, version, loadProducts, ttlSeconds).catch((error) => console.error('refreshing the product list failed:', error)));
    return { products: value, cache: 'STALE' };
  }
  try {
    return { products: await loadAndCache(kv, version, loadProducts, ttlSeconds), cache: 'MISS' };
  } catch (error) {
    const lastGood = await kv.get(LAST_GOOD_KEY, 'json');
    if (lastGood === null) throw error;
    return { products: lastGood, cache: 'FALLBACK' };
  }
}

/** One product, cache-aside: `null` (not cached) when the origin has no such product. */
export async function getProduct(
  kv: Kv,
  id: number,
  loadProduct: () => Promise<Product | null>,
  { ttlSeconds = 3600 }: { ttlSeconds?: number } = {},
): Promise<{ product: Product | null; cache: 'HIT' | 'MISS' }> {
  const cached = await kv.get(productKey(id), 'json');
  if (cached !== null) return { product: cached, cache: 'HIT' };
  const product = await loadProduct();
  if (product === null) return { product: null, cache: 'MISS' };
  await kv.put(productKey(id), JSON.stringify(product), { expirationTtl: ttlSeconds, metadata: { cached_at: Date.now() } });
  return { product, cache: 'MISS' };
}

/**
 * An edit (`edit`: the product with its new fields), written through: the origin first (if it fails, the cache is left alone and the
 * error goes to the caller), then the product's own key, then a new version, which makes every
 * list cached so far unreachable. Returns the saved product and the new version.
 */
export async function updateProduct(
  kv: Kv,
  edit: Product,
  saveToOrigin: (edit: Product) => Promise<Product>,
  { ttlSeconds = 3600 }: { ttlSeconds?: number } = {},
): Promise<{ product: Product; version: number }> {
  const product = await saveToOrigin(edit);
  await kv.put(productKey(product.id), JSON.stringify(product), { expirationTtl: ttlSeconds, metadata: { cached_at: Date.now() } });
  const version = (await catalogueVersion(kv)) + 1;
  await kv.put(VERSION_KEY, String(version));
  return { product, version };
}
