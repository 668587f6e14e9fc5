import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';

/** One request through the Worker, with its background work (waitUntil) finished. */
async function call(path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://catalogue.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return { status: response.status, cache: response.headers.get('x-cache'), body: (await response.json()) as any };
}

const edit = (id: number, body: unknown) =>
  call(`/products/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// One file, one KV and one D1: the tests run in order and build on each other.
describe('the catalogue API, in workerd with local KV and D1', () => {
  it('lists the products: a MISS from D1, then a HIT from KV', async () => {
    const first = await call('/products');
    expect(first.status).toBe(200);
    expect(first.cache).toBe('MISS');
    expect(first.body.products.map((p: any) => p.name)).toContain('Burr grinder');
    const second = await call('/products');
    expect(second.cache).toBe('HIT');
    expect(second.body.products).toEqual(first.body.products);
  });

  it('reads one product with cache-aside, and answers 404 for one that does not exist', async () => {
    expect((await call('/products/3')).cache).toBe('MISS');
    const hit = await call('/products/3');
    expect(hit.cache).toBe('HIT');
    expect(hit.body).toEqual({ id: 3, name: 'Burr grinder', priceCents: 12900 });
    expect((await call('/products/999')).status).toBe(404);
  });

  it('an edit is saved in D1, written through to KV, and the next list shows it', async () => {
    const saved = await edit(3, { name: 'Burr grinder (new model)', priceCents: 13900 });
    expect(saved.status).toBe(200);
    expect(saved.body.product).toEqual({ id: 3, name: 'Burr grinder (new model)', priceCents: 13900 });
    expect(saved.body.version).toBe(2);
    const row = await env.DB.prepare('SELECT name FROM products WHERE id = 3').first('name');
    expect(row).toBe('Burr grinder (new model)');

    const one = await call('/products/3');
    expect(one.cache).toBe('HIT');
    expect(one.body.name).toBe('Burr grinder (new model)');
    const list = await call('/products');
    expect(list.cache).toBe('MISS');
    expect(list.body.products.find((p: any) => p.id === 3).priceCents).toBe(13900);
  });

  it('refuses bad input with a 4xx JSON error', async () => {
    expect((await edit(3, { name: '', priceCents: 10 })).status).toBe(400);
    expect((await edit(3, { name: 'Cup', priceCents: -1 })).status).toBe(400);
    expect((await edit(42, { name: 'Nothing', priceCents: 1 })).status).toBe(404);
    expect((await call('/products/abc')).status).toBe(400);
    expect((await call('/products', { method: 'POST' })).status).toBe(405);
  });

  it('serves the last good list when D1 fails, and says so', async () => {
    await env.KV.put('catalogue:version', '99'); // an edit elsewhere: no list cached at this version
    await env.DB.exec('ALTER TABLE products RENAME TO products_away'); // the origin now fails
    try {
      const down = await call('/products');
      expect(down.status).toBe(200);
      expect(down.cache).toBe('FALLBACK');
      expect(down.body.note).toMatch(/out of date/);
      expect(down.body.products.length).toBe(5);
    } finally {
      await env.DB.exec('ALTER TABLE products_away RENAME TO products');
    }
  });
});
