import { expect, test, type APIResponse } from '@playwright/test';
import { openHydrated } from './helpers';
import { createWorkshop } from './workshop-helpers';

// Request budgets for everyone (src/server/limits.ts, wrangler.toml [[ratelimits]]), against
// the built app on the real Rate Limiting binding. The whole suite shares one client address
// (127.0.0.1), so tests that spend a per-address budget claim an address of their own with
// CF-Connecting-IP, as Cloudflare would set it for another visitor; locally Miniflare keeps a
// header the client sent (see src/server/client-address.ts).

/**
 * Windows are aligned to the clock, so a loop that straddles a boundary may see the budget
 * twice: "at most" figures allow for one boundary.
 */
const atMost = (limit: number) => 2 * limit;

/** A fetch answer's JSON body (fetch types it as unknown). */
const bodyOf = async (res: Response): Promise<any> => res.json();

async function expectRateLimited(res: APIResponse | Response, period: number, message: RegExp) {
  expect(res instanceof Response ? res.status : res.status()).toBe(429);
  const retryAfter = Number(res instanceof Response ? res.headers.get('retry-after') : res.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(period);
  const body = await res.json();
  expect(body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(message) } });
  expect(body.error.message).toContain(`Try again in ${retryAfter} second`);
}

test('one learner flooding cache MISSes gets 429 with Retry-After; cached reads still work', async ({ request }) => {
  let misses = 0;
  let limited: APIResponse | undefined;
  let cached: number | undefined;
  // Every post once, then reset the cache and go again: each read is a MISS that scans D1.
  // The first round starts at post 6, so the budget runs out part-way through a round.
  for (let round = 0; round < 6 && !limited; round++) {
    if (round > 0) expect((await request.post('/api/demos/reset')).status()).toBe(200);
    cached = undefined;
    for (let id = round === 0 ? 6 : 1; id <= 30 && !limited; id++) {
      const res = await request.get(`/api/demos/cache-aside/posts/${id}`);
      if (res.status() === 429) limited = res;
      else {
        expect(res.status()).toBe(200);
        expect(res.headers()['x-cache']).toBe('MISS');
        misses++;
        cached = id;
      }
    }
  }
  expect(limited, `no 429 after ${misses} misses`).toBeDefined();
  expect(misses).toBeGreaterThanOrEqual(60);
  expect(misses).toBeLessThanOrEqual(atMost(60));
  await expectRateLimited(limited!, 60, /each learner has 60 of those a minute/);
  // A post cached in this round is a HIT: no scan, so it is still served.
  expect(cached, 'the budget ran out at the start of a round').toBeDefined();
  const hit = await request.get(`/api/demos/cache-aside/posts/${cached}`);
  expect(hit.status()).toBe(200);
  expect(hit.headers()['x-cache']).toBe('HIT');
});

test('requests without a learner cookie are budgeted per address: a cookie-less loop gets 429s, others do not', async ({ baseURL }) => {
  const address = '203.0.113.77';
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${baseURL}/api/demos/falsy/count?check=null`, { headers: { 'cf-connecting-ip': address, ...headers } });
  // A learner who arrived earlier from the same address, with the cookie it was given.
  const first = await get();
  expect(first.status).toBe(200);
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
  expect(cookie).toMatch(/^kvlab_learner=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);

  let passed = 1;
  let limited: Response | undefined;
  while (!limited && passed <= atMost(120)) {
    const res = await get();
    if (res.status === 429) limited = res;
    else {
      expect(res.status).toBe(200);
      // Each of them was made a new learner.
      expect(res.headers.get('set-cookie')).toContain('kvlab_learner=');
      await res.arrayBuffer();
      passed++;
    }
  }
  expect(limited, `no 429 after ${passed} cookie-less requests`).toBeDefined();
  expect(passed).toBeGreaterThanOrEqual(120);
  expect(limited!.headers.get('set-cookie')).toBeNull();
  const retryAfter = Number(limited!.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await bodyOf(limited!)).error).toEqual({ code: 'rate_limited', message: expect.stringContaining('without a learner cookie') });

  // A learner id made up by the client is no way around it.
  expect((await get({ cookie: `kvlab_learner=${'A'.repeat(22)}` })).status).toBe(429);
  // The learner who kept its cookie is not affected, nor is anyone at another address.
  expect((await get({ cookie })).status).toBe(200);
  expect((await fetch(`${baseURL}/api/demos/falsy/count?check=null`, { headers: { 'cf-connecting-ip': '203.0.113.78' } })).status).toBe(200);
});

test('a participant who drops a cookie is still limited: on the learner id, or on the session and the address', async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  const joined = await fetch(`${baseURL}/api/workshops/${code}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.60' },
    body: JSON.stringify({ name: 'Dropper' }),
  });
  expect(joined.status).toBe(201);
  const cookies = Object.fromEntries(joined.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  expect(Object.keys(cookies).sort()).toEqual(['kvlab_learner', 'kvlab_workshop']);

  /** Concurrent bursts until a 429; every answer is 200 or 429. */
  async function burstUntilLimited(headers: Record<string, string>) {
    let sent = 0;
    for (;;) {
      const batch = await Promise.all(
        Array.from({ length: 25 }, () => fetch(`${baseURL}/api/workshops/${code}/me`, { headers: { 'cf-connecting-ip': '198.51.100.60', ...headers } })),
      );
      sent += batch.length;
      expect(batch.map((r) => r.status).filter((s) => s !== 200 && s !== 401 && s !== 429)).toEqual([]);
      const limited = batch.find((r) => r.status === 429);
      if (limited || sent >= 400) return { sent, limited };
    }
  }

  // Session cookie dropped, learner cookie kept: the learner's budget (100 per 10 s) applies.
  const withoutSession = await burstUntilLimited({ cookie: `kvlab_learner=${cookies.kvlab_learner}` });
  expect(withoutSession.limited, `no 429 after ${withoutSession.sent} requests`).toBeDefined();
  expect(withoutSession.sent).toBeLessThanOrEqual(atMost(100) + 25);
  const body = await bodyOf(withoutSession.limited!);
  expect(body.error.message).toContain('100 per 10 seconds for each learner');
  expect(Number(withoutSession.limited!.headers.get('retry-after'))).toBeLessThanOrEqual(10);

  // Learner cookie dropped, session kept: the session's budget and the address's still count.
  const withoutLearner = await burstUntilLimited({ cookie: `kvlab_workshop=${cookies.kvlab_workshop}` });
  expect(withoutLearner.limited, `no 429 after ${withoutLearner.sent} requests`).toBeDefined();
  expect(withoutLearner.sent).toBeLessThanOrEqual(atMost(120) + 25);
  expect((await bodyOf(withoutLearner.limited!)).error.code).toBe('rate_limited');
});

test("a participant who swaps in other learners' cookies still has one budget: their session's", async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  const joined = await fetch(`${baseURL}/api/workshops/${code}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.61' },
    body: JSON.stringify({ name: 'Swapper' }),
  });
  expect(joined.status).toBe(201);
  const session = joined.headers.getSetCookie().find((c) => c.startsWith('kvlab_workshop='))!.split(';')[0]!;
  // Real learner cookies, each with a full budget of its own, one for every 25 requests.
  const learners: string[] = [];
  for (let i = 0; i < 16; i++) {
    const minted = await fetch(`${baseURL}/api/demos/falsy/count?check=null`, { headers: { 'cf-connecting-ip': `198.51.100.${100 + i}` } });
    learners.push(minted.headers.get('set-cookie')!.split(';')[0]!);
  }
  let sent = 0;
  let limited: Response | undefined;
  for (const learner of learners) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, () => fetch(`${baseURL}/api/workshops/${code}/me`, { headers: { 'cf-connecting-ip': '198.51.100.61', cookie: `${session}; ${learner}` } })),
    );
    sent += batch.length;
    expect(batch.map((r) => r.status).filter((s) => s !== 200 && s !== 429)).toEqual([]);
    limited = batch.find((r) => r.status === 429);
    if (limited) break;
  }
  // Without the guard's charge on the session's own learner, 16 learners would allow 400 and more.
  expect(limited, `no 429 after ${sent} requests`).toBeDefined();
  expect(sent).toBeLessThanOrEqual(atMost(100) + 25);
  expect((await bodyOf(limited!)).error.message).toContain('per participant');
});

// @serial: it counts the sandbox's two run slots, so no other test may hold one meanwhile.
test('sandbox: fresh learners from one address hold one slot at most; a learner elsewhere still runs', { tag: '@serial' }, async ({ baseURL }) => {
  const slow = 'export async function cacheAside(kv: any, key: string, load: any) {\n  await new Promise(() => {});\n}';
  const fast = 'export async function cacheAside(kv: any, key: string, load: any) {\n  return { value: null, cache: "MISS" };\n}';
  const run = (code: string, address: string) =>
    fetch(`${baseURL}/api/exercises/cache-aside/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
      body: JSON.stringify({ code }),
    });
  // Two cookie-less loops from one address: two new learners, each trying to hold a slot.
  const loops = [run(slow, '203.0.113.90'), run(slow, '203.0.113.90')];
  const first = await Promise.race(loops.map((p, i) => p.then((res) => ({ res, i }))));
  expect(first.res.status).toBe(429);
  expect((await bodyOf(first.res)).error.message).toContain('one address runs one at a time');
  // The other loop's run is still going, and the second slot is free for somebody else.
  const elsewhere = await run(fast, '198.51.100.90');
  expect(elsewhere.status).toBe(200);
  expect((await bodyOf(elsewhere)).checks.length).toBeGreaterThan(0);
  const other = await loops[1 - first.i]!;
  expect(other.status).toBe(200);
  expect((await bodyOf(other)).error.message).toMatch(/never settles/);
});

/** A learner cookie minted at an address of its own (198.18.0.0/15, one per learner). */
async function learnerCookieFrom(baseURL: string, i: number) {
  const res = await fetch(`${baseURL}/api/exercises`, { headers: { 'cf-connecting-ip': `198.18.${i >> 8}.${i & 255}` } });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const joinAs = (baseURL: string, code: string, name: string, headers: Record<string, string>) =>
  fetch(`${baseURL}/api/workshops/${code}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name }),
  });

test('workshop joins are throttled per address, even when every join brings its own learner cookie', async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  let joined = 0;
  let limited: Response | undefined;
  while (!limited && joined <= atMost(120)) {
    const cookie = await learnerCookieFrom(baseURL!, joined);
    const res = await joinAs(baseURL!, code, `P${joined}`, { 'cf-connecting-ip': '203.0.113.120', cookie });
    if (res.status === 429) limited = res;
    else {
      expect(res.status).toBe(201);
      joined++;
    }
  }
  expect(limited, `no 429 after ${joined} joins`).toBeDefined();
  expect(joined).toBeGreaterThanOrEqual(120);
  await expectRateLimited(limited!, 60, /workshop joins came from your network address/);
});

test('workshop joins are throttled per workshop, from however many addresses', async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  let joined = 0;
  let limited: Response | undefined;
  while (!limited && joined <= atMost(120)) {
    const res = await joinAs(baseURL!, code, `Q${joined}`, { 'cf-connecting-ip': `198.19.${joined >> 8}.${joined & 255}` });
    if (res.status === 429) limited = res;
    else {
      expect(res.status).toBe(201);
      joined++;
    }
  }
  expect(limited, `no 429 after ${joined} joins`).toBeDefined();
  expect(joined).toBeGreaterThanOrEqual(120);
  expect((await bodyOf(limited!)).error.message).toContain('joined this workshop in the last minute');
});

// @serial: it builds the giant value (one at a time) and must meet no 429 while doing so.
test('a learner reading the course and clicking its demos, the sampler included, never meets a limit', { tag: '@serial' }, async ({ page }) => {
  // Faster than anyone reads: if this pace stays within every budget, a person's does too.
  test.setTimeout(120_000);
  const answers: string[] = [];
  page.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/')) answers.push(`${r.status()} ${r.request().method()} ${pathname}`);
  });
  const demo = (name: RegExp) => page.getByRole('complementary', { name });

  await openHydrated(page, '/lessons/caching-patterns/');
  const cacheAside = demo(/Live demo: Cache-aside/);
  for (const id of ['1', '2', '2', '3', '1']) {
    await cacheAside.getByLabel('Post id').fill(id);
    await cacheAside.getByRole('button', { name: 'Fetch post' }).click();
    await expect(cacheAside.getByTestId('cache-status')).toHaveText(/MISS|HIT/);
  }
  await cacheAside.getByRole('button', { name: 'Reset my cache' }).click();
  const writeThrough = demo(/Live demo: Write-through/);
  await writeThrough.getByRole('button', { name: 'Read via cache and origin' }).click();
  await expect(writeThrough.getByTestId('wt-verdict')).toBeVisible();
  await writeThrough.getByLabel('New title').fill('My edit');
  await writeThrough.getByRole('button', { name: 'Save edit' }).click();
  await expect(writeThrough.getByTestId('write-result')).toBeVisible();
  await writeThrough.getByRole('button', { name: 'Read via cache and origin' }).click();

  await openHydrated(page, '/lessons/invalidation-and-swr/');
  const invalidation = demo(/Live demo: Invalidation/);
  await invalidation.getByRole('button', { name: 'Load homepage' }).click();
  await invalidation.getByRole('button', { name: 'Delete post' }).click();
  await invalidation.getByRole('button', { name: 'Load homepage' }).click();
  await expect(invalidation.getByTestId('post-count')).toBeVisible();
  const swr = demo(/Live demo: Stale-while-revalidate/);
  await swr.getByRole('button', { name: 'Fetch recent posts' }).click();
  await swr.getByRole('button', { name: 'Fetch recent posts' }).click();
  await expect(swr.getByTestId('swr-timeline')).toBeVisible();

  await openHydrated(page, '/lessons/key-design/');
  const keys = demo(/Live demo: Key design/);
  await keys.getByRole('button', { name: 'Read post' }).click();
  await keys.getByRole('button', { name: 'Read post' }).click();
  await keys.getByRole('button', { name: 'Bump version' }).click();
  await keys.getByRole('button', { name: 'Read post' }).click();
  await keys.getByRole('button', { name: 'List keys' }).click();

  await openHydrated(page, '/lessons/ttl-strategies/');
  const ttl = demo(/Live demo: TTL/);
  await ttl.getByRole('button', { name: 'Cache with this TTL' }).click();
  await ttl.getByRole('button', { name: 'Cache with this TTL' }).click();

  await openHydrated(page, '/lessons/error-handling/');
  const errors = demo(/Live demo: Error handling/);
  await errors.getByRole('button', { name: 'Fetch with getCachedOrFresh' }).click();
  await errors.getByLabel('KV read fails').check();
  await errors.getByRole('button', { name: 'Fetch with getCachedOrFresh' }).click();
  await errors.getByRole('button', { name: 'Write hot key' }).click();
  await expect(errors.getByTestId('hot-result')).toBeVisible();

  // The monitoring sampler at its largest: 100 requests spread over every post (30 MISSes).
  await openHydrated(page, '/lessons/monitoring/');
  const monitoring = demo(/Live demo: Monitoring/);
  await monitoring.getByLabel('Requests').selectOption('100');
  await monitoring.getByLabel('Spread over posts').selectOption('30');
  await monitoring.getByRole('button', { name: 'Run 100 requests' }).click();
  await expect(monitoring.getByText('Sampler: 100 of 100 requests')).toBeVisible({ timeout: 60_000 });
  await expect(monitoring.getByTestId('stat-requests')).not.toHaveText('0');
  await monitoring.getByRole('button', { name: 'Refresh' }).click();

  await openHydrated(page, '/lessons/anti-patterns/');
  const anti = demo(/Live demo: Anti-patterns/);
  await anti.getByRole('button', { name: 'Alice signs in' }).click();
  await anti.getByRole('button', { name: 'Alice opens her profile' }).click();
  await anti.getByRole('button', { name: 'One small value per answer' }).click();
  await anti.getByRole('button', { name: 'Whole table in one key' }).click();
  await anti.getByRole('button', { name: 'Bounded query, no cache' }).click();
  await expect(anti.getByRole('table', { name: /Measured in the Worker/ }).getByRole('row', { name: /Bounded query, no cache/ })).toBeVisible({ timeout: 15_000 });
  await anti.getByRole('button', { name: 'Cache 10 searches with a 1 h TTL' }).click();
  await expect(anti.getByTestId('pile')).toBeVisible();
  const falsy = demo(/Live demo: The falsy-value pitfall/);
  await falsy.getByRole('button', { name: /if \(!cached\)/ }).click();
  await falsy.getByRole('button', { name: /cached !== null/ }).click();
  await expect(falsy.getByTestId('falsy-null')).toBeVisible();

  expect(answers.length).toBeGreaterThan(130);
  expect(answers.filter((a) => /^(429|5\d\d) /.test(a))).toEqual([]);
});
