import { listAllKeys } from '~/lib/patterns/list-all-keys';
import { WAIT_UNTIL } from '../../sandbox/sandbox';
import { expect, expectParsed, resultObject, sameJson, show, type Check, type CheckContext } from '../check';
import { distinctInts, int, word } from './random';

/**
 * The capstone: one module that caches a product catalogue with every pattern of the course.
 * The keys are part of the statement (content/exercises/product-catalogue/index.md), so the
 * checks can set up and inspect KV: `catalogue:version`, `products:v<version>`,
 * `products:last-good` and `product:<id>`. The products are new every run; the origin is a
 * function the check hands over, counted, that can be made to fail.
 */

interface Product {
  id: number;
  name: string;
  priceCents: number;
}

const VERSION_KEY = 'catalogue:version';
const LAST_GOOD_KEY = 'products:last-good';
const listKey = (version: number) => `products:v${version}`;
const productKey = (id: number) => `product:${id}`;
const STALE_AFTER_MS = 60_000;
const listOptions = { waitUntil: WAIT_UNTIL, staleAfterMs: STALE_AFTER_MS, ttlSeconds: 3600 };

const productName = () => {
  const w = word();
  return `${w[0]!.toUpperCase()}${w.slice(1)} ${word()}`;
};

/** A catalogue of 3–6 products with ids, names and prices no earlier run had. */
function catalogue(): Product[] {
  return distinctInts(int(3, 6), 100, 99_999).map((id) => ({ id, name: productName(), priceCents: int(100, 99_999) }));
}

/** The same product with a new name and price: what the origin holds after an edit. */
const edited = (p: Product): Product => ({ ...p, name: `${productName()} (edited)`, priceCents: p.priceCents + int(1, 500) });

/** Every check starts from an empty catalogue: the keys have fixed names, so checks would see each other's. */
async function emptyCache(ctx: CheckContext) {
  const keys = await listAllKeys(ctx.directKv, '');
  await Promise.all(keys.map((key) => ctx.directKv.delete(key)));
}

/** The origin's list, counted; `failing` makes it throw like a D1 outage. */
function originList(ctx: CheckContext, products: () => Product[], failing = () => false) {
  return ctx.origin('load the product list', async () => {
    if (failing()) throw new Error('D1 is unavailable (injected outage)');
    return products();
  });
}

async function list(ctx: CheckContext, load: () => Promise<Product[]>) {
  const outcome = await ctx.call('listProducts', ctx.kv(), load, listOptions);
  const result = resultObject(outcome, 'listProducts');
  expectParsed(result.products, 'products');
  return { result, outcome };
}

const names = (products: unknown) => (Array.isArray(products) ? products.map((p) => p?.name).join(', ') : show(products));

export const checks: Check[] = [
  {
    name: 'The first list is a MISS from the origin, cached under products:v1 with a TTL of at least 60 s; the next is a HIT',
    async run(ctx) {
      await emptyCache(ctx);
      const products = catalogue();
      const origin = originList(ctx, () => products);
      const { result } = await list(ctx, origin.fn);
      expect(result.cache === 'MISS', `An empty cache should give cache: 'MISS', got ${show(result.cache)}.`);
      expect(origin.calls === 1, `A miss should read the origin once; it was read ${origin.calls} times.`);
      expect(sameJson(result.products, products), `products should be the origin's list (${names(products)}), got ${show(result.products)}.`);
      const { value, metadata } = await ctx.directKv.getWithMetadata<Product[], { cached_at?: unknown }>(listKey(1), 'json');
      expect(sameJson(value, products), `KV should hold the list under ${listKey(1)} (no version stored yet means version 1), but it holds ${show(value)}.`);
      const ttl = await ctx.expiresIn(listKey(1));
      expect(ttl !== null && ttl >= 60, `${listKey(1)} should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      expect(typeof metadata?.cached_at === 'number', `The cached list needs cached_at: Date.now() in its metadata to know its age, got ${show(metadata)}.`);
      const second = (await list(ctx, origin.fn)).result;
      expect(second.cache === 'HIT', `A list cached a moment ago should be a HIT, got cache: ${show(second.cache)}.`);
      expect(origin.calls === 1, `The second list should come from KV alone; the origin was read ${origin.calls} times in all.`);
      expect(sameJson(second.products, products), `The hit should return the cached list, got ${show(second.products)}.`);
      return `MISS, then HIT; one origin read; ${listKey(1)} expires in ${ttl} s.`;
    },
  },
  {
    name: 'The list key carries the version stored in catalogue:version',
    async run(ctx) {
      await emptyCache(ctx);
      const version = int(2, 90);
      const cached = catalogue();
      await ctx.directKv.put(VERSION_KEY, String(version));
      await ctx.directKv.put(listKey(version), JSON.stringify(cached), { expirationTtl: 3600, metadata: { cached_at: Date.now() } });
      // An old version's list, which must never be read again.
      await ctx.directKv.put(listKey(version - 1), JSON.stringify(catalogue()), { expirationTtl: 3600, metadata: { cached_at: Date.now() } });
      const origin = originList(ctx, () => catalogue());
      const { result } = await list(ctx, origin.fn);
      expect(
        result.cache === 'HIT' && sameJson(result.products, cached),
        `${VERSION_KEY} holds "${version}", so the list is read from ${listKey(version)}: expected a HIT with ${names(cached)}, got ${show(result.cache)} with ${names(result.products)}.`,
      );
      expect(origin.calls === 0, `The list for version ${version} was in KV, yet the origin was read.`);
      return `Read ${listKey(version)}; ${listKey(version - 1)} left alone.`;
    },
  },
  {
    name: 'getProduct is cache-aside: a MISS, then a HIT; a product the origin lacks is not cached',
    async run(ctx) {
      await emptyCache(ctx);
      const [product, missing] = catalogue();
      const load = ctx.origin(`load product ${product!.id}`, async () => product!);
      const first = resultObject(await ctx.call('getProduct', ctx.kv(), product!.id, load.fn, { ttlSeconds: 3600 }), 'getProduct');
      expect(first.cache === 'MISS' && sameJson(first.product, product), `A product not in KV should be a MISS with the origin's product, got ${show(first.cache)} with ${show(first.product)}.`);
      const second = resultObject(await ctx.call('getProduct', ctx.kv(), product!.id, load.fn, { ttlSeconds: 3600 }), 'getProduct');
      expect(second.cache === 'HIT' && load.calls === 1, `The second read should be a HIT from ${productKey(product!.id)}; got ${show(second.cache)} after ${load.calls} origin reads.`);
      expectParsed(second.product, 'product');
      expect(sameJson(second.product, product), `The hit should return the cached product, got ${show(second.product)}.`);
      const none = ctx.origin(`load product ${missing!.id} (absent)`, async () => null);
      const absent = resultObject(await ctx.call('getProduct', ctx.kv(), missing!.id, none.fn, { ttlSeconds: 3600 }), 'getProduct');
      expect(absent.product === null, `The origin has no product ${missing!.id}, so product should be null, got ${show(absent.product)}.`);
      expect((await ctx.directKv.get(productKey(missing!.id))) === null, `${productKey(missing!.id)} is in KV, but the origin has no such product: caching "not found" would hide it once it is created.`);
      return 'MISS, then HIT; the absent product left out of KV.';
    },
  },
  {
    name: 'An edit saves to the origin first, then writes the product to KV',
    async run(ctx) {
      await emptyCache(ctx);
      const [original] = catalogue();
      const saved = edited(original!);
      await ctx.directKv.put(productKey(saved.id), JSON.stringify(original), { expirationTtl: 3600 });
      let cachedDuringSave: unknown;
      const origin = ctx.origin(`save product ${saved.id}`, async () => {
        cachedDuringSave = await ctx.directKv.get(productKey(saved.id), 'json');
        return saved;
      });
      const result = resultObject(await ctx.call('updateProduct', ctx.kv(), saved, origin.fn, { ttlSeconds: 3600 }), 'updateProduct');
      expect(origin.calls === 1, `The origin should be written exactly once; it was called ${origin.calls} times.`);
      expect(!sameJson(cachedDuringSave, saved), `KV already held the edited product while the origin was being written: write the origin first, so a failed save leaves no value the origin never had.`);
      expect(sameJson(result.product, saved), `product should be what the origin saved, got ${show(result.product)}.`);
      const cached = await ctx.directKv.get(productKey(saved.id), 'json');
      expect(sameJson(cached, saved), `After the edit ${productKey(saved.id)} should hold the saved product (write-through), but holds ${show(cached)}.`);
      const ttl = await ctx.expiresIn(productKey(saved.id));
      expect(ttl !== null && ttl >= 60, `${productKey(saved.id)} should expire in 60 s or more; ${ttl === null ? 'it has no expiration' : `it expires in ${ttl} s`}.`);
      return `Origin written, then ${productKey(saved.id)} (expires in ${ttl} s).`;
    },
  },
  {
    name: 'A failed save changes nothing in KV and reaches the caller',
    async run(ctx) {
      await emptyCache(ctx);
      const [original] = catalogue();
      const version = int(2, 90);
      await ctx.directKv.put(VERSION_KEY, String(version));
      await ctx.directKv.put(productKey(original!.id), JSON.stringify(original), { expirationTtl: 3600 });
      const origin = ctx.origin(`save product ${original!.id} (fails)`, async () => {
        throw new Error('D1 write failed (injected)');
      });
      const outcome = await ctx.callAllowingError('updateProduct', ctx.kv(), edited(original!), origin.fn, { ttlSeconds: 3600 });
      expect(outcome.error, `The origin write failed, so updateProduct should throw; it returned ${show(outcome.value)}.`);
      const cached = await ctx.directKv.get(productKey(original!.id), 'json');
      expect(sameJson(cached, original), `The save failed, so ${productKey(original!.id)} should still hold the product as it was; it holds ${show(cached)}.`);
      const stored = await ctx.directKv.get(VERSION_KEY);
      expect(stored === String(version), `The save failed, so ${VERSION_KEY} should still be "${version}"; it is ${show(stored)}. Nothing changed, so no cached list needs to go.`);
      return 'The error reached the caller; KV unchanged.';
    },
  },
  {
    name: 'An edit bumps the version: the next list is a MISS with the edit, and getProduct is a HIT with it',
    async run(ctx) {
      await emptyCache(ctx);
      let products = catalogue();
      const origin = originList(ctx, () => products);
      await list(ctx, origin.fn);
      const target = products[int(0, products.length - 1)]!;
      const saved = edited(target);
      const update = ctx.origin(`save product ${saved.id}`, async () => {
        products = products.map((p) => (p.id === saved.id ? saved : p));
        return saved;
      });
      const result = resultObject(await ctx.call('updateProduct', ctx.kv(), saved, update.fn, { ttlSeconds: 3600 }), 'updateProduct');
      const stored = await ctx.directKv.get(VERSION_KEY);
      expect(stored === '2', `After the first edit ${VERSION_KEY} should be "2" (it was 1: not stored yet), got ${show(stored)}.`);
      expect(result.version === 2, `updateProduct should return the new version, 2, got version: ${show(result.version)}.`);
      const after = (await list(ctx, origin.fn)).result;
      expect(after.cache === 'MISS' && origin.calls === 2, `After an edit the list cached before it is out of date: the next list should be a MISS under ${listKey(2)}, got ${show(after.cache)} (${origin.calls} origin reads).`);
      expect(sameJson(after.products, products), `The list after the edit should hold "${saved.name}", got ${names(after.products)}.`);
      const loadOne = ctx.origin(`load product ${saved.id}`, async () => saved);
      const one = resultObject(await ctx.call('getProduct', ctx.kv(), saved.id, loadOne.fn, { ttlSeconds: 3600 }), 'getProduct');
      expect(one.cache === 'HIT' && loadOne.calls === 0, `The edit wrote ${productKey(saved.id)} through, so getProduct should be a HIT without the origin; got ${show(one.cache)}.`);
      expect(sameJson(one.product, saved), `getProduct should return the edited product, got ${show(one.product)}.`);
      return `Version 2; the list a MISS with "${saved.name}"; getProduct a HIT.`;
    },
  },
  {
    name: 'A stale list is served at once as STALE and refreshed through waitUntil',
    async run(ctx) {
      await emptyCache(ctx);
      const version = 1;
      const old = catalogue();
      const fresh = catalogue();
      await ctx.directKv.put(listKey(version), JSON.stringify(old), { expirationTtl: 3600, metadata: { cached_at: Date.now() - 10 * 60_000 } });
      const origin = originList(ctx, () => fresh);
      const before = Date.now();
      const { result, outcome } = await list(ctx, origin.fn);
      expect(result.cache === 'STALE', `A list cached 10 min ago (staleAfterMs ${STALE_AFTER_MS}) should be served as cache: 'STALE', got ${show(result.cache)}.`);
      expect(sameJson(result.products, old), 'A stale list is answered with the cached copy at once, not after waiting for the origin.');
      expect(outcome.waitUntilCalls > 0, 'The refresh was not handed to waitUntil: a Worker may cancel it as soon as the response is sent.');
      expect(outcome.waitUntilErrors.length === 0, `The refresh failed: ${outcome.waitUntilErrors[0]}.`);
      expect(origin.calls === 1, `The refresh should read the origin once; it was read ${origin.calls} times.`);
      const { value, metadata } = await ctx.directKv.getWithMetadata<Product[], { cached_at?: number }>(listKey(version), 'json');
      expect(sameJson(value, fresh), `After the refresh ${listKey(version)} should hold the origin's new list, but holds ${names(value)}.`);
      expect((metadata?.cached_at ?? 0) >= before - 1_000, `The refreshed list needs a new cached_at, got ${show(metadata)}.`);
      return `STALE served at once; ${listKey(version)} refreshed through waitUntil.`;
    },
  },
  {
    name: 'When the origin fails, the last good list is served as FALLBACK',
    async run(ctx) {
      await emptyCache(ctx);
      const products = catalogue();
      let down = false;
      const origin = originList(ctx, () => products, () => down);
      await list(ctx, origin.fn);
      const lastGood = await ctx.directKv.get(LAST_GOOD_KEY, 'json');
      expect(sameJson(lastGood, products), `Each list loaded from the origin should also be kept under ${LAST_GOOD_KEY}, for when the origin fails; it holds ${show(lastGood)}.`);
      expect((await ctx.expiresIn(LAST_GOOD_KEY)) === null, `${LAST_GOOD_KEY} should have no TTL: it is there for an outage, however long after the last good read.`);
      // The cached list expired, and the origin is down.
      await ctx.directKv.delete(listKey(1));
      down = true;
      const outcome = await ctx.callAllowingError('listProducts', ctx.kv(), origin.fn, listOptions);
      expect(!outcome.error, `With the origin down and a last good list in KV, listProducts should answer with it, but it threw ${outcome.error?.name}: ${outcome.error?.message}.`);
      const result = resultObject(outcome, 'listProducts');
      expect(result.cache === 'FALLBACK', `A list served from ${LAST_GOOD_KEY} should say so with cache: 'FALLBACK', got ${show(result.cache)}.`);
      expect(sameJson(result.products, products), `The fallback should be the last good list (${names(products)}), got ${show(result.products)}.`);
      return `Origin down: the last good list served as FALLBACK.`;
    },
  },
];
