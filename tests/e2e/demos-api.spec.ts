import { expect, test, type APIResponse } from '@playwright/test';

// The key-design, TTL, monitoring, anti-patterns and consistency endpoints, called as curl
// would. Each test gets its own cookie jar, so its own learner.

async function expectError(res: APIResponse, status: number, code: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = await res.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error.message as string;
}

test.describe('key design', () => {
  test('a tenant post misses, hits, and misses again after a version bump', async ({ request }) => {
    const first = await request.get('/api/demos/key-design/tenants/acme/posts/5');
    expect(first.headers()['x-cache']).toBe('MISS');
    expect(first.headers()['server-timing']).toMatch(/kv;dur=[\d.]+, d1;dur=[\d.]+, total;dur=[\d.]+/);
    expect(await first.json()).toMatchObject({ cache: 'MISS', key: 'tenant:acme:posts:v1:post:5', version: 1 });

    const second = await request.get('/api/demos/key-design/tenants/acme/posts/5');
    expect(second.headers()['x-cache']).toBe('HIT');

    const bump = await request.post('/api/demos/key-design/version', { data: { tenant: 'acme' } });
    expect(await bump.json()).toMatchObject({ data: { family: 'tenant:acme:posts', previous: 1, version: 2 } });
    const third = await request.get('/api/demos/key-design/tenants/acme/posts/5');
    expect(await third.json()).toMatchObject({ cache: 'MISS', key: 'tenant:acme:posts:v2:post:5' });
  });

  test('lists keys by prefix with absolute expirations', async ({ request }) => {
    await request.get('/api/demos/key-design/tenants/globex/posts/1');
    const res = await request.get('/api/demos/key-design/keys?prefix=tenant:globex:');
    expect(res.status()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ prefix: 'tenant:globex:', complete: true });
    expect(data.keys).toEqual([
      expect.objectContaining({ name: 'tenant:globex:posts:v1:post:1', expiration: expect.any(Number) }),
    ]);
  });

  test('two tenants collide on an un-namespaced key, not on namespaced ones', async ({ request }) => {
    for (const namespaced of [false, true]) {
      await request.put('/api/demos/key-design/config', { data: { tenant: 'acme', theme: 'orange', namespaced } });
      await request.put('/api/demos/key-design/config', { data: { tenant: 'globex', theme: 'blue', namespaced } });
      const res = await request.get(`/api/demos/key-design/config?tenant=acme&namespaced=${namespaced}`);
      expect(res.headers()['x-cache']).toBe('HIT');
      expect(await res.json()).toMatchObject(
        namespaced
          ? { key: 'tenant:acme:config', leaked: false, data: { tenant: 'acme' } }
          : { key: 'config', leaked: true, data: { tenant: 'globex' } },
      );
    }
  });

  test('bad input is a JSON 4xx', async ({ request }) => {
    await expectError(await request.get('/api/demos/key-design/tenants/ACME/posts/1'), 400, 'bad_request');
    await expectError(await request.get('/api/demos/key-design/tenants/acme/posts/0'), 400, 'bad_request');
    await expectError(await request.get('/api/demos/key-design/tenants/acme/posts/31'), 404, 'not_found');
    await expectError(await request.get(`/api/demos/key-design/keys?prefix=${'x'.repeat(600)}`), 400, 'bad_request');
    await expectError(await request.post('/api/demos/key-design/version', { data: { tenant: 'a:b' } }), 400, 'bad_request');
    await expectError(
      await request.post('/api/demos/key-design/version', { headers: { 'content-type': 'text/plain' }, data: 'acme' }),
      415,
      'unsupported_media_type',
    );
    await expectError(await request.put('/api/demos/key-design/config', { data: { tenant: 'acme', theme: 'x'.repeat(2000), namespaced: true } }), 413, 'payload_too_large');
    await expectError(await request.delete('/api/demos/key-design/config'), 405, 'method_not_allowed');
  });
});

test.describe('TTL', () => {
  test('a preset answers with the absolute expiration list() reports', async ({ request }) => {
    const before = Math.floor(Date.now() / 1000);
    const res = await request.post('/api/demos/ttl/keys', { data: { preset: 'static-page' } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ key: 'ttl:static-page', ttlSeconds: 3600 });
    expect(body.expiration).toBeGreaterThanOrEqual(before + 3599);
    expect(body.expiration).toBeLessThanOrEqual(before + 3602);

    const list = await (await request.get('/api/demos/ttl/keys')).json();
    expect(list.data.keys).toEqual([expect.objectContaining({ name: 'ttl:static-page', expiration: body.expiration, ttl: 3600 })]);
    const read = await request.get('/api/demos/ttl/keys/static-page');
    expect(read.headers()['x-cache']).toBe('HIT');
    expect((await request.get('/api/demos/ttl/keys/session')).headers()['x-cache']).toBe('MISS');
  });

  test('until midnight UTC is computed at write time', async ({ request }) => {
    const body = await (await request.post('/api/demos/ttl/keys', { data: { preset: 'daily-stats' } })).json();
    expect(body.expiration % 86_400).toBe(0);
  });

  test('a TTL under 60 s is refused by KV and explained', async ({ request }) => {
    const message = await expectError(await request.post('/api/demos/ttl/keys', { data: { ttl: 30 } }), 400, 'bad_request');
    expect(message).toContain('KV refused expirationTtl 30');
    expect(message).toContain('at least 60 seconds');
    await expectError(await request.post('/api/demos/ttl/keys', { data: { ttl: 0 } }), 400, 'bad_request');
    await expectError(await request.post('/api/demos/ttl/keys', { data: { ttl: 1.5 } }), 400, 'bad_request');
    await expectError(await request.post('/api/demos/ttl/keys', { data: { preset: 'forever' } }), 400, 'bad_request');
    await expectError(await request.get('/api/demos/ttl/keys/nope'), 400, 'bad_request');
  });
});

test.describe('monitoring', () => {
  test('counts this learner’s demo requests from D1: hit rate and latency by status', async ({ request }) => {
    for (const id of [2, 2, 2, 2]) await request.get(`/api/demos/cache-aside/posts/${id}`);
    await expect
      .poll(async () => (await (await request.get('/api/demos/monitoring/stats')).json()).data.requests)
      .toBe(4);
    const { data } = await (await request.get('/api/demos/monitoring/stats')).json();
    expect(data.counts).toMatchObject({ HIT: 3, MISS: 1 });
    expect(data.hitRate).toBe(0.75);
    expect(data.byStatus.MISS.count).toBe(1);
    expect(data.byStatus.HIT.histogram.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    expect(data.byDemo).toEqual([expect.objectContaining({ demo: 'cache-aside' })]);

    const cleared = await request.delete('/api/demos/monitoring/stats');
    expect((await cleared.json()).data.removedEvents).toBe(4);
    expect((await (await request.get('/api/demos/monitoring/stats')).json()).data.requests).toBe(0);
  });
});

test.describe('anti-patterns', () => {
  test('a global current-user key shows Bob’s profile to Alice; a scoped key does not', async ({ request }) => {
    await request.post('/api/demos/anti-patterns/sign-in', { data: { user: 'alice', scoped: false } });
    await request.post('/api/demos/anti-patterns/sign-in', { data: { user: 'bob', scoped: false } });
    const leak = await request.get('/api/demos/anti-patterns/profile?user=alice&scoped=false');
    expect(await leak.json()).toMatchObject({ cache: 'HIT', key: 'current-user', leaked: true, data: { id: 'bob' } });

    await request.post('/api/demos/anti-patterns/sign-in', { data: { user: 'alice', scoped: true } });
    await request.post('/api/demos/anti-patterns/sign-in', { data: { user: 'bob', scoped: true } });
    const own = await request.get('/api/demos/anti-patterns/profile?user=alice&scoped=true');
    expect(await own.json()).toMatchObject({ key: 'user:alice:profile', leaked: false, data: { id: 'alice' } });
  });

  test('a small value and a bounded query, measured', async ({ request }) => {
    const small = await (await request.post('/api/demos/anti-patterns/value-size', { data: { shape: 'small', postId: 4 } })).json();
    expect(small).toMatchObject({ shape: 'small', key: 'post:4:views', data: { postId: 4, views: 5000 } });
    expect(small.bytes).toBeLessThan(100);
    expect(small.timings).toEqual(expect.objectContaining({ d1: expect.any(Number), put: expect.any(Number), get: expect.any(Number) }));
    const query = await (await request.post('/api/demos/anti-patterns/value-size', { data: { shape: 'query', postId: 4 } })).json();
    expect(query).toMatchObject({ key: null, bytes: 0, data: small.data });
  });

  test('keys without expiration pile up in list()', async ({ request }) => {
    await request.post('/api/demos/anti-patterns/searches', { data: { count: 4, withExpiration: false } });
    const res = await request.post('/api/demos/anti-patterns/searches', { data: { count: 3, withExpiration: true } });
    expect((await res.json()).data).toMatchObject({ total: 7, neverExpire: 4 });
    await expectError(await request.post('/api/demos/anti-patterns/searches', { data: { count: 21, withExpiration: true } }), 400, 'bad_request');
    await expectError(await request.get('/api/demos/anti-patterns/profile?user=mallory'), 400, 'bad_request');
  });
});

test.describe('consistency', () => {
  test('the store behind the model: write, read, delete a real KV key', async ({ request }) => {
    expect((await (await request.get('/api/demos/consistency/value')).json()).data.value).toBeNull();
    const put = await request.put('/api/demos/consistency/value', { data: { value: 'hello' } });
    expect(await put.json()).toMatchObject({ key: 'consistency:greeting', data: { value: 'hello' }, attempts: 1 });
    expect((await (await request.get('/api/demos/consistency/value')).json()).data.value).toBe('hello');
    await request.delete('/api/demos/consistency/value');
    expect((await (await request.get('/api/demos/consistency/value')).json()).data.value).toBeNull();
    await expectError(await request.put('/api/demos/consistency/value', { data: { value: '' } }), 400, 'bad_request');
  });
});
