import { getProduct, listProducts, updateProduct, type Product } from './catalogue';
import { loadProduct, loadProducts, ProductNotFound, saveProduct } from './origin';

/**
 * The catalogue's HTTP API, around your module (src/catalogue.ts):
 *
 *   GET /products       the list: X-Cache HIT, STALE, MISS or FALLBACK
 *   GET /products/:id   one product: X-Cache HIT or MISS
 *   PUT /products/:id   {"name": "…", "priceCents": 1234}: edit it (the origin first, then the cache)
 */
export interface Env {
  KV: KVNamespace;
  DB: D1Database;
}

/** How old the cached list may be before it is refreshed in the background. */
const STALE_AFTER_MS = 60_000;
const TTL_SECONDS = 3600;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
const error = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

/** A product id in a path: a whole number from 1. */
function productId(text: string): number | null {
  const id = Number(text);
  return Number.isSafeInteger(id) && id >= 1 && String(id) === text ? id : null;
}

/** The body of an edit, or why it is not one. */
async function readEdit(request: Request, id: number): Promise<Product | string> {
  if (!request.headers.get('content-type')?.includes('application/json')) return 'Send the edit as JSON (content-type: application/json).';
  const text = await request.text();
  if (text.length > 4096) return 'An edit is at most 4096 bytes of JSON.';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'The body is not valid JSON.';
  }
  const { name, priceCents } = (body ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) return '"name" must be a non-empty string of at most 200 characters.';
  if (!Number.isSafeInteger(priceCents) || (priceCents as number) < 0) return '"priceCents" must be a whole number of cents, 0 or more.';
  return { id, name: name.trim(), priceCents: priceCents as number };
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    const waitUntil = (promise: Promise<unknown>) => ctx.waitUntil(promise);

    if (pathname === '/products') {
      if (request.method !== 'GET') return error(405, 'method_not_allowed', 'GET /products lists the products.');
      try {
        const { products, cache } = await listProducts(env.KV, () => loadProducts(env.DB), { waitUntil, staleAfterMs: STALE_AFTER_MS, ttlSeconds: TTL_SECONDS });
        const note = cache === 'FALLBACK' ? { note: 'The catalogue cannot be reached: this is the last list we had, and it may be out of date.' } : {};
        return json({ products, cache, ...note }, 200, { 'x-cache': cache });
      } catch (failure) {
        console.error('listing the products failed:', failure);
        return error(503, 'origin_unavailable', 'The catalogue cannot be reached and no earlier list is cached. Try again shortly.');
      }
    }

    const match = /^\/products\/([^/]+)$/.exec(pathname);
    if (match) {
      const id = productId(match[1]!);
      if (id === null) return error(400, 'bad_request', 'A product id is a whole number from 1.');
      if (request.method === 'GET') {
        const { product, cache } = await getProduct(env.KV, id, () => loadProduct(env.DB, id), { ttlSeconds: TTL_SECONDS });
        if (!product) return error(404, 'not_found', `There is no product ${id}.`);
        return json(product, 200, { 'x-cache': cache });
      }
      if (request.method === 'PUT') {
        const edit = await readEdit(request, id);
        if (typeof edit === 'string') return error(400, 'bad_request', edit);
        try {
          const { product, version } = await updateProduct(env.KV, edit, (e) => saveProduct(env.DB, e), { ttlSeconds: TTL_SECONDS });
          return json({ product, version });
        } catch (failure) {
          if (failure instanceof ProductNotFound) return error(404, 'not_found', failure.message);
          throw failure;
        }
      }
      return error(405, 'method_not_allowed', 'A product answers GET and PUT.');
    }

    return error(404, 'not_found', 'Try GET /products.');
  },
} satisfies ExportedHandler<Env>;
