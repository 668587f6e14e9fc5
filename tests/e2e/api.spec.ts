import { expect, test } from '@playwright/test';

// The public HTTP API, called as curl would (no browser), against workerd with local KV/D1.

test('health reports a real round trip to KV and D1', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, kv: true, d1: true });
  // Monitors often poll with HEAD: answered as GET, without a body.
  expect((await request.head('/api/health')).status()).toBe(200);
});

test('cache-aside: first read is a MISS from D1, the second a HIT from KV', async ({ request }) => {
  const first = await request.get('/api/demos/cache-aside/posts/4');
  expect(first.status()).toBe(200);
  expect(first.headers()['x-cache']).toBe('MISS');
  expect(first.headers()['server-timing']).toMatch(/kv;dur=[\d.]+, d1;dur=[\d.]+, total;dur=[\d.]+/);
  const missBody = await first.json();
  expect(missBody).toMatchObject({ cache: 'MISS', data: { id: 4, slug: 'designing-cache-keys' } });
  expect(missBody.timings).toEqual(expect.objectContaining({ kv: expect.any(Number), d1: expect.any(Number), total: expect.any(Number) }));

  const second = await request.get('/api/demos/cache-aside/posts/4');
  expect(second.headers()['x-cache']).toBe('HIT');
  expect(second.headers()['server-timing']).not.toContain('d1');
  expect(await second.json()).toMatchObject({ cache: 'HIT', data: missBody.data });
});

test('a bad post id is a 400 with a JSON message', async ({ request }) => {
  for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
    const res = await request.get(`/api/demos/cache-aside/posts/${bad}`);
    expect(res.status(), bad).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
  }
});

test('an unknown post id is a 404 with a JSON message', async ({ request }) => {
  const res = await request.get('/api/demos/cache-aside/posts/31');
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe('not_found');
});

test('unknown API paths and wrong methods answer JSON, not HTML', async ({ request }) => {
  const missing = await request.get('/api/no-such-thing');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).toContain('application/json');

  const wrongMethod = await request.get('/api/demos/reset');
  expect(wrongMethod.status()).toBe(405);
  expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
});

test('reset clears this learner’s cache: the next read is a MISS again', async ({ request }) => {
  await request.get('/api/demos/cache-aside/posts/6');
  expect((await request.get('/api/demos/cache-aside/posts/6')).headers()['x-cache']).toBe('HIT');

  const reset = await request.post('/api/demos/reset');
  expect(reset.status()).toBe(200);
  expect((await reset.json()).removedKeys).toBeGreaterThanOrEqual(1);
  expect((await request.get('/api/demos/cache-aside/posts/6')).headers()['x-cache']).toBe('MISS');
});

test('a cross-site mutation is refused', async ({ request, baseURL }) => {
  const res = await request.post('/api/demos/reset', { headers: { origin: 'https://evil.example' } });
  expect(res.status()).toBe(403);
  const same = await request.post('/api/demos/reset', { headers: { origin: baseURL! } });
  expect(same.status()).toBe(200);
});

test('the learner cookie is HttpOnly and SameSite=Lax (isolation between learners: isolation.spec.ts)', async ({ request }) => {
  expect((await request.get('/api/demos/cache-aside/posts/8')).status()).toBe(200);
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'kvlab_learner');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});
