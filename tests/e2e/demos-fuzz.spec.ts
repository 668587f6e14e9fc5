import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import fc from 'fast-check';

// Property-based: random keys, values, TTLs, metadata and bodies thrown at the demo
// endpoints. Whatever arrives, the answer is never a 5xx, and every error is
// {"error":{"code","message"}} as JSON.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

async function expectWellFormed(res: APIResponse, label: string) {
  expect(res.status(), label).toBeLessThan(500);
  expect(res.headers()['content-type'], label).toContain('application/json');
  const body = await res.json();
  if (res.status() >= 400) {
    expect(body.error, label).toEqual({ code: expect.any(String), message: expect.any(String) });
  }
}

/** Any JSON-ish body: objects with the fields the endpoints read, plus anything at all. */
const fieldValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const bodyFor = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    fc.record(fields, { requiredKeys: [] }),
    fc.record(Object.fromEntries(Object.keys(fields).map((k) => [k, fieldValue])), { requiredKeys: [] }),
    fc.jsonValue(),
  );

const tenant = fc.oneof(fc.constantFrom('acme', 'globex'), fc.string({ maxLength: 40 }));
const ttl = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.integer(), fc.double(), fc.constantFrom(59, 60, 61, 31_536_001));
const metadataLike = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

type Call = (api: APIRequestContext, body: unknown) => Promise<APIResponse>;
const MUTATIONS: [string, Call, fc.Arbitrary<unknown>][] = [
  ['POST key-design/version', (api, data) => api.post('/api/demos/key-design/version', { data }), bodyFor({ tenant })],
  [
    'PUT key-design/config',
    (api, data) => api.put('/api/demos/key-design/config', { data }),
    bodyFor({ tenant, theme: fc.string({ unit: 'binary', maxLength: 60 }), namespaced: fc.boolean(), metadata: metadataLike }),
  ],
  [
    'POST ttl/keys',
    (api, data) => api.post('/api/demos/ttl/keys', { data }),
    bodyFor({ preset: fc.oneof(fc.constantFrom('session', 'daily-stats', 'custom'), fc.string()), ttl, metadata: metadataLike }),
  ],
  [
    'POST anti-patterns/sign-in',
    (api, data) => api.post('/api/demos/anti-patterns/sign-in', { data }),
    bodyFor({ user: fc.oneof(fc.constantFrom('alice', 'bob', '__proto__', 'constructor'), fc.string()), scoped: fc.boolean() }),
  ],
  [
    'POST anti-patterns/value-size',
    (api, data) => api.post('/api/demos/anti-patterns/value-size', { data }),
    // Never "giant": it reads 150,000 rows on purpose and would only make the run slow.
    bodyFor({ shape: fc.oneof(fc.constantFrom('small', 'query', 'GIANT'), fc.string()), postId: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.double()) }),
  ],
  [
    'POST anti-patterns/searches',
    (api, data) => api.post('/api/demos/anti-patterns/searches', { data }),
    bodyFor({ count: fc.integer({ min: -3, max: 25 }), withExpiration: fc.boolean() }),
  ],
  [
    'PUT consistency/value',
    (api, data) => api.put('/api/demos/consistency/value', { data }),
    bodyFor({ value: fc.oneof(fc.string({ unit: 'binary', maxLength: 250 }), fc.string({ minLength: 190, maxLength: 210 })) }),
  ],
];

for (const [label, send, body] of MUTATIONS) {
  test(`${label}: random JSON bodies never cause a 5xx`, async ({ request }) => {
    // Bodies are filtered only so that "giant" cannot slip in through a random string.
    const safe = body.filter((b) => !JSON.stringify(b ?? null).includes('"giant"'));
    await fc.assert(
      fc.asyncProperty(safe, async (data) => {
        const res = await send(request, data === undefined ? null : data);
        await expectWellFormed(res, `${label} ${JSON.stringify(data)}`);
      }),
      { numRuns: RUNS },
    );
  });
}

test('random raw bodies and content types are refused with a JSON 4xx', async ({ request }) => {
  const paths = [
    ['POST', '/api/demos/key-design/version'],
    ['PUT', '/api/demos/key-design/config'],
    ['POST', '/api/demos/ttl/keys'],
    ['POST', '/api/demos/anti-patterns/searches'],
    ['PUT', '/api/demos/consistency/value'],
  ] as const;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...paths),
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ minLength: 2000, maxLength: 3000 })),
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx'),
      async ([method, path], raw, type) => {
        const res = await request.fetch(path, { method, headers: { 'content-type': type }, data: raw });
        await expectWellFormed(res, `${method} ${path} ${type} ${JSON.stringify(raw).slice(0, 80)}`);
      },
    ),
    { numRuns: RUNS * 2 },
  );
});

test('random path segments and query strings on the GET endpoints never cause a 5xx', async ({ request }) => {
  const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.integer().map(String));
  await fc.assert(
    fc.asyncProperty(segment, segment, fc.boolean(), async (a, b, flag) => {
      const enc = encodeURIComponent;
      for (const path of [
        `/api/demos/key-design/tenants/${enc(a)}/posts/${enc(b)}`,
        `/api/demos/key-design/keys?prefix=${enc(a + b)}`,
        `/api/demos/key-design/config?tenant=${enc(a)}&namespaced=${flag ? enc(b) : 'true'}`,
        `/api/demos/ttl/keys/${enc(a)}`,
        `/api/demos/anti-patterns/profile?user=${enc(a)}&scoped=${enc(b)}`,
      ]) {
        await expectWellFormed(await request.get(path), path);
      }
    }),
    { numRuns: RUNS },
  );
});
