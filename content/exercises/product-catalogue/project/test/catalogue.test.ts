import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogueVersion, listProducts, updateProduct, type Product } from '../src/catalogue';

/** Your module against real local KV, with an origin whose answers and failures the test decides. */
const products: Product[] = [
  { id: 1, name: 'Espresso cup', priceCents: 1200 },
  { id: 2, name: 'Pour-over kettle', priceCents: 4900 },
];

function origin(list: Product[]) {
  const o = { calls: 0, down: false, load: async () => {
    o.calls++;
    if (o.down) throw new Error('the origin is down');
    return list;
  } };
  return o;
}

/** A waitUntil that keeps what it was given, so the test can wait as the runtime would. */
function background() {
  const pending: Promise<unknown>[] = [];
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settle: () => Promise.all(pending), pending };
}

beforeEach(async () => {
  const { keys } = await env.KV.list();
  await Promise.all(keys.map((k) => env.KV.delete(k.name)));
});

describe('src/catalogue.ts', () => {
  it('caches the list under the current version with a TTL', async () => {
    const o = origin(products);
    const bg = background();
    expect((await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil })).cache).toBe('MISS');
    expect((await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil })).cache).toBe('HIT');
    expect(o.calls).toBe(1);
    const { keys } = await env.KV.list({ prefix: 'products:v1' });
    expect(keys[0]?.expiration).toBeGreaterThan(Date.now() / 1000 + 59);
  });

  it('serves a stale list at once and refreshes it through waitUntil', async () => {
    const o = origin(products);
    const bg = background();
    await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil });
    await new Promise((r) => setTimeout(r, 5));
    const stale = await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil, staleAfterMs: 1 });
    expect(stale.cache).toBe('STALE');
    expect(bg.pending.length).toBeGreaterThan(0);
    await bg.settle();
    expect(o.calls).toBe(2);
  });

  it('an edit writes the origin first and moves the version on; a failed one changes nothing', async () => {
    const version = await catalogueVersion(env.KV);
    const failed = updateProduct(env.KV, { ...products[0]!, name: 'Broken' }, async () => {
      throw new Error('D1 write failed');
    });
    await expect(failed).rejects.toThrow('D1 write failed');
    expect(await catalogueVersion(env.KV)).toBe(version);
    expect(await env.KV.get('product:1')).toBeNull();

    const saved = { ...products[0]!, name: 'Espresso cup, blue' };
    const result = await updateProduct(env.KV, saved, async (edit) => edit);
    expect(result.version).toBe(version + 1);
    expect(await env.KV.get('product:1', 'json')).toEqual(saved);
  });

  it('falls back to the last good list when the origin fails', async () => {
    const o = origin(products);
    const bg = background();
    await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil });
    await env.KV.delete('products:v1');
    o.down = true;
    const fallback = await listProducts(env.KV, o.load, { waitUntil: bg.waitUntil });
    expect(fallback).toMatchObject({ products, cache: 'FALLBACK' });
  });
});
