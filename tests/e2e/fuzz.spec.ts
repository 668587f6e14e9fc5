import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from '@playwright/test';
import fc from 'fast-check';

// Property: whatever a learner (or a script) throws at the API, the answer is JSON and never a
// 5xx; every 4xx carries {"error":{"code","message"}}. Runs are bounded to keep the suite fast.

const RUNS = 40;

async function expectWellFormed(res: APIResponse, what: string) {
  expect(res.status(), what).toBeLessThan(500);
  // A refused request exercises nothing: the runs are spread over learners (below) so that none
  // spends its budget (src/server/limits.ts).
  expect(res.status(), what).not.toBe(429);
  expect(res.headers()['content-type'], what).toContain('application/json');
  const body = await res.json();
  if (res.status() >= 400) {
    expect(body.error, what).toEqual({ code: expect.any(String), message: expect.any(String) });
  }
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const key = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('.', '..', '', ' ', '%', '/a/b'));
const ttl = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(59, 60, 0, -1, 1e12), fc.string({ maxLength: 5 }));

/**
 * A new learner (cookie jar) every 10 runs: a learner's budget is sized for a person clicking,
 * and 40 runs in a few seconds would spend it.
 */
function learners(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined) {
  const all: APIRequestContext[] = [];
  let runs = 0;
  return {
    async next() {
      if (runs++ % 10 === 0) all.push(await playwright.request.newContext({ baseURL }));
      return all.at(-1)!;
    },
    dispose: () => Promise.all(all.map((c) => c.dispose())),
  };
}

async function send(request: APIRequestContext, method: string, url: string, data?: unknown) {
  return request.fetch(url, {
    method,
    data: data === undefined ? undefined : JSON.stringify(data),
    headers: data === undefined ? {} : { 'content-type': 'application/json' },
  });
}

test('the KV playground answers random keys, values, TTLs and metadata with JSON, never a 5xx', async ({ playwright, baseURL }) => {
  const pool = learners(playwright, baseURL);
  await fc.assert(
    fc.asyncProperty(key, fc.string({ maxLength: 100 }), fc.option(ttl), fc.option(anyJson), async (k, value, expirationTtl, metadata) => {
      const request = await pool.next();
      const path = `/api/kv/${encodeURIComponent(k)}`;
      const body: Record<string, unknown> = { value };
      if (expirationTtl !== null) body.expirationTtl = expirationTtl;
      if (metadata !== null) body.metadata = metadata;
      await expectWellFormed(await send(request, 'PUT', path, body), `PUT ${k} ${JSON.stringify(body).slice(0, 80)}`);
      await expectWellFormed(await send(request, 'GET', `${path}?type=json&metadata=1`), `GET ${k}`);
      await expectWellFormed(await send(request, 'DELETE', path), `DELETE ${k}`);
    }),
    { numRuns: RUNS },
  );
  await pool.dispose();
});

test('list and bulk get answer random prefixes, limits and cursors with JSON, never a 5xx', async ({ playwright, baseURL }) => {
  const pool = learners(playwright, baseURL);
  await fc.assert(
    fc.asyncProperty(key, fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.string({ maxLength: 6 })), fc.option(fc.string({ maxLength: 60 })), async (prefix, limit, cursor) => {
      const request = await pool.next();
      const q = new URLSearchParams({ prefix, limit });
      if (cursor !== null) q.set('cursor', cursor);
      await expectWellFormed(await send(request, 'GET', `/api/kv?${q}`), `list ${q}`);
      const bulk = new URLSearchParams();
      for (const k of [prefix, limit]) bulk.append('keys', k);
      await expectWellFormed(await send(request, 'GET', `/api/kv?${bulk}`), `bulk ${bulk}`);
    }),
    { numRuns: RUNS },
  );
  await pool.dispose();
});

test('the pattern demos answer random ids, bodies and parameters with JSON, never a 5xx', async ({ playwright, baseURL }) => {
  const pool = learners(playwright, baseURL);
  const id = fc.oneof(fc.integer({ min: -3, max: 40 }).map(String), fc.string({ maxLength: 12 }).map(encodeURIComponent));
  await fc.assert(
    fc.asyncProperty(id, anyJson, fc.string({ maxLength: 8 }), async (postId, body, param) => {
      const request = await pool.next();
      const p = encodeURIComponent(param);
      await expectWellFormed(await send(request, 'GET', `/api/demos/cache-aside/posts/${postId}`), `cache-aside ${postId}`);
      await expectWellFormed(await send(request, 'PUT', `/api/demos/write-through/posts/${postId}`, body), `write-through ${postId} ${JSON.stringify(body)}`);
      await expectWellFormed(await send(request, 'GET', `/api/demos/swr/posts/recent?staleAfter=${p}`), `swr ${param}`);
      await expectWellFormed(await send(request, 'GET', `/api/demos/errors/posts/${postId}?faults=${p}`), `errors ${param}`);
      await expectWellFormed(await send(request, 'POST', '/api/demos/errors/hot-key', body), `hot-key ${JSON.stringify(body)}`);
      await expectWellFormed(await send(request, 'GET', `/api/demos/falsy/count?check=${p}`), `falsy ${param}`);
      await expectWellFormed(await send(request, 'DELETE', `/api/demos/invalidation/posts/${postId}?scope=${p}`), `invalidate ${postId}`);
    }),
    { numRuns: RUNS },
  );
  await pool.dispose();
});
