import { expect, test } from '@playwright/test';
import { ageCachedCopy } from './helpers';

// The caching-pattern endpoints, called as curl would, against workerd with local KV and D1.
// Each test runs with its own cookie jar, so it is a new learner with a clean slate.

const json = (data: unknown) => ({ data, headers: { 'content-type': 'application/json' } });

test('write-through: after an edit the next read is a HIT with the new title', async ({ request }) => {
  await request.get('/api/demos/cache-aside/posts/2');
  const edit = await request.put('/api/demos/write-through/posts/2', json({ title: 'Edited through' }));
  expect(edit.status()).toBe(200);
  expect(await edit.json()).toMatchObject({ wrote: ['origin', 'kv'], invalidated: ['posts:recent'], data: { title: 'Edited through' } });
  const read = await request.get('/api/demos/cache-aside/posts/2');
  expect(await read.json()).toMatchObject({ cache: 'HIT', data: { title: 'Edited through' } });
});

test('origin-only edit: the cache keeps serving the old title until it is rewritten', async ({ request }) => {
  const before = await (await request.get('/api/demos/cache-aside/posts/5')).json();
  await request.put('/api/demos/write-through/posts/5', json({ title: 'Only in D1', mode: 'origin-only' }));
  expect(await (await request.get('/api/demos/cache-aside/posts/5')).json()).toMatchObject({ cache: 'HIT', data: { title: before.data.title } });
  expect(await (await request.get('/api/demos/origin/posts/5')).json()).toMatchObject({ cache: 'BYPASS', data: { title: 'Only in D1' } });
});

test('write-through validates its body', async ({ request }) => {
  const cases: [unknown, number][] = [
    [{}, 400],
    [{ title: 42 }, 400],
    [{ title: 'x'.repeat(201) }, 400],
    [{ title: 'ok', mode: 'sideways' }, 400],
  ];
  for (const [body, status] of cases) {
    const res = await request.put('/api/demos/write-through/posts/1', json(body));
    expect(res.status(), JSON.stringify(body)).toBe(status);
    expect((await res.json()).error.message).toEqual(expect.any(String));
  }
  const notJson = await request.put('/api/demos/write-through/posts/1', { data: 'title=x', headers: { 'content-type': 'text/plain' } });
  expect(notJson.status()).toBe(415);
  const huge = await request.put('/api/demos/write-through/posts/1', json({ title: 'x', body: 'y'.repeat(70_000) }));
  expect(huge.status()).toBe(413);
  expect((await request.put('/api/demos/write-through/posts/77', json({ title: 'x' }))).status()).toBe(404);
});

test('invalidation: deleting a post removes it and its derived keys', async ({ request }) => {
  const home = await (await request.get('/api/demos/invalidation/summary')).json();
  expect(home.data.count).toBe(30);
  const del = await request.delete('/api/demos/invalidation/posts/30');
  expect(await del.json()).toMatchObject({ deleted: true, invalidated: ['post:30', 'posts:recent', 'posts:count'] });
  const after = await (await request.get('/api/demos/invalidation/summary')).json();
  expect(after).toMatchObject({ cache: 'MISS', data: { count: 29 } });
  expect(after.data.recent.map((p: { id: number }) => p.id)).not.toContain(30);
  expect((await request.delete('/api/demos/invalidation/posts/30')).status()).toBe(404);
});

test('invalidation item-only: the cached list still shows the deleted post', async ({ request }) => {
  await request.get('/api/demos/invalidation/summary');
  await request.delete('/api/demos/invalidation/posts/29?scope=item-only');
  const after = await (await request.get('/api/demos/invalidation/summary')).json();
  expect(after).toMatchObject({ cache: 'HIT', data: { count: 30 } });
  expect(after.data.recent.map((p: { id: number }) => p.id)).toContain(29);
  expect((await request.delete('/api/demos/invalidation/posts/1?scope=some')).status()).toBe(400);
});

test('stale-while-revalidate: MISS, HIT, then STALE past the threshold and a refreshed copy after', async ({ request }) => {
  expect((await request.get('/api/demos/swr/posts/recent?staleAfter=1')).headers()['x-cache']).toBe('MISS');
  expect((await request.get('/api/demos/swr/posts/recent?staleAfter=60')).headers()['x-cache']).toBe('HIT');
  await ageCachedCopy(request, 'posts:recent', 1500);
  const stale = await (await request.get('/api/demos/swr/posts/recent?staleAfter=1')).json();
  expect(stale).toMatchObject({ cache: 'STALE', refreshScheduled: true });
  expect(stale.ageMs).toBeGreaterThan(1000);
  // The refresh ran after that response, through waitUntil: the copy is young again.
  await expect
    .poll(async () => (await (await request.get('/api/demos/swr/posts/recent?staleAfter=60')).json()).ageMs)
    .toBeLessThan(1000);
  for (const bad of ['0', '-1', 'abc', '3601', '1.5']) {
    expect((await request.get(`/api/demos/swr/posts/recent?staleAfter=${bad}`)).status(), bad).toBe(400);
  }
});

test('error handling: a failing KV still answers from the origin; a failing origin is a clear 503', async ({ request }) => {
  const readFails = await (await request.get('/api/demos/errors/posts/3?faults=read,write')).json();
  // Served from the origin: a miss that succeeded, whose background write failed.
  expect(readFails).toMatchObject({ source: 'origin', cacheReadFailed: true, cacheWrite: 'failed', cache: 'MISS' });
  expect(readFails.injected.join(' ')).toContain('injected');

  await request.get('/api/demos/errors/posts/4');
  const cached = await (await request.get('/api/demos/errors/posts/4?faults=origin')).json();
  expect(cached).toMatchObject({ source: 'cache', cache: 'HIT' });

  const down = await request.get('/api/demos/errors/posts/5?faults=origin');
  expect(down.status()).toBe(503);
  expect((await down.json()).error).toMatchObject({ code: 'origin_unavailable', message: expect.stringContaining('KV had no copy') });
  expect((await request.get('/api/demos/errors/posts/5?faults=meteor')).status()).toBe(400);
});

test('error handling: a hot key retries 429s with exponential backoff', async ({ request }) => {
  const ok = await (await request.post('/api/demos/errors/hot-key', json({ rateLimited: 2 }))).json();
  expect(ok).toMatchObject({ ok: true, attempts: 3 });
  expect(ok.waitedMs).toHaveLength(2);
  expect(ok.waitedMs[1]).toBeGreaterThan(ok.waitedMs[0]);
  const gaveUp = await (await request.post('/api/demos/errors/hot-key', json({ rateLimited: 6 }))).json();
  expect(gaveUp).toMatchObject({ ok: false, attempts: 5 });
  expect((await request.post('/api/demos/errors/hot-key', json({ rateLimited: 99 }))).status()).toBe(400);
});

test('falsy pitfall: if (!cached) misses on a cached 0 every time; !== null hits', async ({ request }) => {
  const truthy = [];
  const strict = [];
  for (let i = 0; i < 3; i++) truthy.push((await (await request.get('/api/demos/falsy/count?check=truthy')).json()).cache);
  for (let i = 0; i < 3; i++) strict.push((await (await request.get('/api/demos/falsy/count?check=null')).json()).cache);
  expect(truthy).toEqual(['MISS', 'MISS', 'MISS']);
  expect(strict).toEqual(['MISS', 'HIT', 'HIT']);
});
