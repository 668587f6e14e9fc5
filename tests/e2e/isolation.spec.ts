import { expect, test, type APIRequestContext } from '@playwright/test';

// Learners never see each other's data: two cookie jars, two learners. Learner A leaves
// something behind on every surface that keeps data per learner; learner B, on the same
// surfaces, finds none of it. One row per surface: a new surface is one more row.
// (Participants of a workshop, and learner code in the sandbox reaching for other keys, have
// tests of their own: workshop-api.spec.ts, exercises.spec.ts.)

type Row = {
  surface: string;
  /** What A does there (A's own view is checked too, so the row cannot pass by doing nothing). */
  a: (a: APIRequestContext) => Promise<void>;
  /** What B finds there. */
  b: (b: APIRequestContext) => Promise<void>;
};

const json = { 'content-type': 'application/json' };
const cacheOf = async (res: Promise<{ headers(): Record<string, string> }>) => (await res).headers()['x-cache'];
const dataOf = async (res: Promise<{ json(): Promise<any> }>) => (await (await res).json()).data;

const ROWS: Row[] = [
  {
    surface: 'cache-aside',
    a: async (a) => {
      expect(await cacheOf(a.get('/api/demos/cache-aside/posts/8'))).toBe('MISS');
      expect(await cacheOf(a.get('/api/demos/cache-aside/posts/8'))).toBe('HIT');
    },
    b: async (b) => expect(await cacheOf(b.get('/api/demos/cache-aside/posts/8'))).toBe('MISS'),
  },
  {
    surface: 'KV playground',
    a: async (a) => {
      expect((await a.put('/api/kv/secret', { data: { value: 'only-a' }, headers: json })).status()).toBe(200);
      expect(await (await a.get('/api/kv/secret')).json()).toMatchObject({ value: 'only-a' });
    },
    b: async (b) => {
      expect(await (await b.get('/api/kv/secret')).json()).toMatchObject({ value: null });
      // B's own key space has B's cached posts in it by now (it is the one the demos use).
      expect((await (await b.get('/api/kv?prefix=secret')).json()).keys).toEqual([]);
      // Path tricks stay inside the learner's prefix: the key is taken literally.
      expect(await (await b.get(`/api/kv/${encodeURIComponent('../secret')}`)).json()).toMatchObject({ value: null });
    },
  },
  {
    surface: 'key design: tenant posts and keys',
    a: async (a) => {
      await a.get('/api/demos/key-design/tenants/acme/posts/2');
      expect((await dataOf(a.get('/api/demos/key-design/keys?prefix=tenant:'))).keys).not.toEqual([]);
    },
    b: async (b) => {
      expect((await dataOf(b.get('/api/demos/key-design/keys?prefix=tenant:'))).keys).toEqual([]);
      expect(await cacheOf(b.get('/api/demos/key-design/tenants/acme/posts/2'))).toBe('MISS');
    },
  },
  {
    surface: 'key design: un-namespaced config',
    a: async (a) => {
      await a.put('/api/demos/key-design/config', { data: { tenant: 'acme', theme: 'orange', namespaced: false } });
      expect(await dataOf(a.get('/api/demos/key-design/config?tenant=acme&namespaced=false'))).not.toBeNull();
    },
    b: async (b) => expect(await dataOf(b.get('/api/demos/key-design/config?tenant=acme&namespaced=false'))).toBeNull(),
  },
  {
    surface: 'TTL',
    a: async (a) => {
      await a.post('/api/demos/ttl/keys', { data: { preset: 'session' } });
      expect((await dataOf(a.get('/api/demos/ttl/keys'))).keys).not.toEqual([]);
    },
    b: async (b) => expect((await dataOf(b.get('/api/demos/ttl/keys'))).keys).toEqual([]),
  },
  {
    surface: 'anti-patterns: the global current-user key',
    a: async (a) => {
      await a.post('/api/demos/anti-patterns/sign-in', { data: { user: 'alice', scoped: false } });
      expect(await dataOf(a.get('/api/demos/anti-patterns/profile?user=bob&scoped=false'))).not.toBeNull();
    },
    b: async (b) => expect(await dataOf(b.get('/api/demos/anti-patterns/profile?user=bob&scoped=false'))).toBeNull(),
  },
  {
    surface: 'anti-patterns: cached searches',
    a: async (a) => {
      expect((await dataOf(a.post('/api/demos/anti-patterns/searches', { data: { count: 2, withExpiration: false } }))).total).toBe(2);
    },
    b: async (b) => expect((await dataOf(b.post('/api/demos/anti-patterns/searches', { data: { count: 1, withExpiration: true } }))).total).toBe(1),
  },
  {
    surface: 'consistency',
    a: async (a) => {
      await a.put('/api/demos/consistency/value', { data: { value: 'from A' } });
      expect((await dataOf(a.get('/api/demos/consistency/value'))).value).toBe('from A');
    },
    b: async (b) => expect((await dataOf(b.get('/api/demos/consistency/value'))).value).toBeNull(),
  },
];

test('learner B never sees what learner A left on any surface that keeps data per learner', async ({ playwright, baseURL }) => {
  const a = await playwright.request.newContext({ baseURL });
  const b = await playwright.request.newContext({ baseURL });
  for (const row of ROWS) await test.step(`A: ${row.surface}`, () => row.a(a));
  for (const row of ROWS) await test.step(`B: ${row.surface}`, () => row.b(b));
  // Monitoring counts B's own requests only: the demos B called above, none of A's.
  await test.step('B: monitoring', () =>
    expect
      .poll(async () => (await dataOf(b.get('/api/demos/monitoring/stats'))).byDemo.map((d: { demo: string }) => d.demo).sort())
      .toEqual(['anti-patterns', 'cache-aside', 'key-design']),
  );
  await a.dispose();
  await b.dispose();
});
