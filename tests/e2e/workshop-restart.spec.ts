import { expect, test } from '@playwright/test';
import { freePort, startServer, stopServer } from './own-server';
import { asInstructor } from './workshop-helpers';

// Durability: a workshop, its participants and their progress survive restarting the local
// server mid-workshop. This test runs its own server (same build, its own state directory)
// so it can stop and start it.

const STATE = '.wrangler/e2e-restart-state';

test('restarting the server mid-workshop loses no workshop, participant or progress', async ({ playwright }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let server = await startServer(port, STATE, true);
  try {
    const instructor = await playwright.request.newContext({ baseURL, extraHTTPHeaders: asInstructor });
    const code = (await (await instructor.post('/api/workshops', { data: { title: 'Durable' } })).json()).code;
    const ada = await playwright.request.newContext({ baseURL });
    expect((await ada.post(`/api/workshops/${code}/join`, { data: { name: 'Ada' } })).status()).toBe(201);
    await ada.post(`/api/workshops/${code}/progress`, { data: { done: ['a', 'b'], lesson: 'caching-patterns', section: 'cache-aside' } });
    await ada.post(`/api/workshops/${code}/answer`, { data: { kind: 'predict', id: 'l2-missing-json', value: 2 } });
    await ada.get('/api/demos/cache-aside/posts/2');
    // Demo events are written in batches up to a second after the response: wait until it is
    // in D1, as it would be before any real restart.
    await expect.poll(async () => (await (await instructor.get(`/api/workshops/${code}/dashboard`)).json()).room.requests).toBe(1);
    await instructor.post(`/api/workshops/${code}/section`, { data: { lesson: 'caching-patterns', section: 'cache-aside', label: 'Cache-aside' } });
    await instructor.post(`/api/workshops/${code}/reveal`, { data: { slug: 'cache-aside' } });

    await stopServer(server);
    server = await startServer(port, STATE, false);

    const dashboard = await (await instructor.get(`/api/workshops/${code}/dashboard`)).json();
    expect(dashboard.workshop).toMatchObject({ code, title: 'Durable', section: { label: 'Cache-aside' }, revealed: ['cache-aside'] });
    expect(dashboard.participants).toEqual([expect.objectContaining({ name: 'Ada', done: 2, lesson: 'caching-patterns', section: 'cache-aside' })]);
    expect(dashboard.answers).toEqual([expect.objectContaining({ id: 'l2-missing-json', total: 1 })]);
    expect(dashboard.room.requests).toBe(1);
    // The participant's cookies still work, and their cached demo data is still theirs.
    expect((await ada.get(`/api/workshops/${code}/me`)).status()).toBe(200);
    expect((await ada.get('/api/demos/cache-aside/posts/2')).headers()['x-cache']).toBe('HIT');
    await instructor.dispose();
    await ada.dispose();
  } finally {
    await stopServer(server);
  }
});
