import { expect, test } from '@playwright/test';

// The operations playground: KV's own API on the learner's keys, with KV's limits checked first.

const put = (body: unknown) => ({ data: body, headers: { 'content-type': 'application/json' } });

test('put, get (text and json), getWithMetadata and delete a key', async ({ request }) => {
  const key = encodeURIComponent('user:1:profile');
  const write = await request.put(`/api/kv/${key}`, put({ value: '{"name":"Ada"}', expirationTtl: 120, metadata: { cached_at: 1 } }));
  expect(write.status()).toBe(200);
  expect(await (await request.get(`/api/kv/${key}`)).json()).toMatchObject({ value: '{"name":"Ada"}', found: true });
  expect(await (await request.get(`/api/kv/${key}?type=json`)).json()).toMatchObject({ value: { name: 'Ada' } });
  expect(await (await request.get(`/api/kv/${key}?metadata=1`)).json()).toMatchObject({ metadata: { cached_at: 1 } });
  expect((await request.delete(`/api/kv/${key}`)).status()).toBe(200);
  expect(await (await request.get(`/api/kv/${key}`)).json()).toMatchObject({ value: null, found: false });
  // Deleting a missing key succeeds, as in KV.
  expect((await request.delete(`/api/kv/${key}`)).status()).toBe(200);
});

test('list pages with a cursor until list_complete, keys shown without the private prefix', async ({ request }) => {
  for (const id of ['a', 'b', 'c', 'd', 'e']) await request.put(`/api/kv/log:${id}`, put({ value: id }));
  await request.put('/api/kv/other', put({ value: 'x' }));
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q: string = `/api/kv?prefix=log:&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await (await request.get(q)).json();
    names.push(...page.keys.map((k: { name: string }) => k.name));
    cursor = page.list_complete ? null : page.cursor;
    pages++;
  } while (cursor);
  expect(names).toEqual(['log:a', 'log:b', 'log:c', 'log:d', 'log:e']);
  expect(pages).toBe(3);
  const listed = await (await request.get('/api/kv?prefix=log:a')).json();
  expect(listed.keys[0].name).toBe('log:a');
});

test('bulk get returns every asked key, null for missing ones', async ({ request }) => {
  await request.put('/api/kv/b1', put({ value: 'one' }));
  const res = await (await request.get('/api/kv?keys=b1&keys=b2')).json();
  expect(res.values).toEqual({ b1: 'one', b2: null });
});

test("KV's limits are checked with a clear message before KV sees the request", async ({ request }) => {
  const cases: [string, unknown, RegExp][] = [
    ['k', { value: 'v', expirationTtl: 30 }, /at least 60 seconds/],
    ['k', { value: 'v', expiration: Math.floor(Date.now() / 1000) + 10 }, /60 seconds in the future/],
    ['k', { value: 'v', expirationTtl: 120, expiration: 2e9 }, /not both/],
    ['k', { value: 'v', metadata: { blob: 'x'.repeat(1100) } }, /1024 bytes/],
    ['k', { value: 42 }, /must be a string/],
    ['x'.repeat(500), { value: 'v' }, /512 bytes/],
    ['k', { value: 'v', expirationTtl: 1e12 }, /32-bit/],
  ];
  for (const [key, body, message] of cases) {
    const res = await request.put(`/api/kv/${encodeURIComponent(key)}`, put(body));
    expect(res.status(), JSON.stringify(body)).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  }
  expect((await request.get('/api/kv?limit=0')).status()).toBe(400);
  expect((await request.get('/api/kv?limit=1001')).status()).toBe(400);
  const notJson = await request.put('/api/kv/k', put({ value: '{broken' }));
  expect(notJson.status()).toBe(200);
  expect((await request.get('/api/kv/k?type=json')).status()).toBe(400);
});

test('the keys "." and ".." answer 400 with KV\'s rule, however the URL spells them', async ({ request }) => {
  // Clients resolve dot segments before sending (/api/kv/.. is sent as /api/), so the addresses
  // they resolve to answer with the rule.
  for (const path of ['/api/kv/.', '/api/kv/..', '/api/kv/%2e', '/api/kv/%2E%2e', '/api/kv/']) {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await request.fetch(path, { method, ...(method === 'PUT' ? put({ value: 'x' }) : {}) });
      expect(res.status(), `${method} ${path}`).toBe(400);
      const body = await res.json();
      expect(body.error, `${method} ${path}`).toMatchObject({ code: 'bad_request', message: expect.stringContaining('KV does not allow the keys "." and ".."') });
    }
  }
  // The listing itself is /api/kv, and keys with dots in them are ordinary keys.
  expect((await request.get('/api/kv')).status()).toBe(200);
  expect((await request.put(`/api/kv/${encodeURIComponent('a/..')}`, put({ value: 'x' }))).status()).toBe(200);
  expect((await request.put('/api/kv/...', put({ value: 'x' }))).status()).toBe(200);
});

test('list cursors are opaque, and only the learner who got one can use it', async ({ playwright, baseURL, request }) => {
  for (const id of ['a', 'b', 'c']) await request.put(`/api/kv/page:${id}`, put({ value: id }));
  const first = await (await request.get('/api/kv?prefix=page:&limit=1')).json();
  expect(first.list_complete).toBe(false);
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'kvlab_learner')!.value;
  // Whatever the cursor's encoding, the HttpOnly learner id is not in it.
  const decoded = Buffer.from(first.cursor.replace(/^c1\./, ''), 'base64url').toString('latin1');
  expect(first.cursor + decoded).not.toContain(cookie);
  expect(decoded).not.toContain('learner:');
  expect((await (await request.get(`/api/kv?prefix=page:&limit=1&cursor=${encodeURIComponent(first.cursor)}`)).json()).keys[0].name).toBe('page:b');

  const other = await playwright.request.newContext({ baseURL });
  const stolen = await other.get(`/api/kv?prefix=page:&limit=1&cursor=${encodeURIComponent(first.cursor)}`);
  expect(stolen.status()).toBe(400);
  expect((await stolen.json()).error.code).toBe('bad_request');
  await other.dispose();
  for (const cursor of ['bogus', Buffer.from(`learner:${cookie}:page:a`).toString('base64')]) {
    const res = await request.get(`/api/kv?prefix=page:&limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status(), cursor).toBe(400);
  }
  expect((await request.get(`/api/kv?prefix=pag&limit=1&cursor=${encodeURIComponent(first.cursor)}`)).status()).toBe(400);
});

test('bodies are JSON only when sent as application/json: +json and json-prefixed types are 415', async ({ request }) => {
  const send = (type: string) => request.put('/api/kv/typed', { data: JSON.stringify({ value: 'x' }), headers: { 'content-type': type } });
  expect((await send('application/json; charset=utf-8')).status()).toBe(200);
  for (const type of ['application/json-patch+json', 'application/jsonx', 'text/json', 'application/json; charset=iso-8859-1']) {
    const res = await send(type);
    expect(res.status(), type).toBe(415);
    expect((await res.json()).error.code, type).toBe('unsupported_media_type');
  }
});
