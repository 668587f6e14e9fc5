import type { AstroCookies } from 'astro';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { compareValueSize } from '../../src/lib/demos/anti-patterns';
import { getPostCacheAside } from '../../src/lib/demos/cache-aside';
import { learnerScope } from '../../src/lib/learner-scope';
import { loadPost, PAGE_VIEW_ROWS, parseScanRows, type PageViewScan } from '../../src/lib/origin/posts';
import { clientAddress, normalizeAddress } from '../../src/server/client-address';
import { admitRun, MAX_CONCURRENT_RUNS } from '../../src/server/exercises/run';
import { LEARNER_COOKIE, learnerCookieValue, mintLearner, readLearner } from '../../src/server/learner';
import { isSignature, signature } from '../../src/server/signing';
import wranglerToml from '../../wrangler.toml?raw';
import { BUDGETS, BudgetSpent, rateLimited, retryAfterSeconds, Slots, spend, withGiantValueSlot, type Budget } from '../../src/server/limits';

/** The part of Astro's cookie jar the learner module uses, over a plain map. */
function jar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const cookies = {
    get: (name: string) => (values.has(name) ? { value: values.get(name)! } : undefined),
    set: (name: string, value: string) => void values.set(name, value),
  } as unknown as AstroCookies;
  return { cookies, values };
}

describe('learner ids are signed', () => {
  it('a minted cookie reads back as the same learner', async () => {
    const { cookies, values } = jar();
    const learner = await mintLearner(cookies, false);
    expect(values.get(LEARNER_COOKIE)).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(await readLearner(cookies)).toEqual(learner);
  });

  it('an id made up by the client, or a signature moved to another id, is no learner', async () => {
    const { cookies } = jar();
    const { id } = await mintLearner(cookies, false);
    const signature = cookies.get(LEARNER_COOKIE)!.value.split('.')[1];
    const other = 'B'.repeat(22);
    for (const forged of [
      id, // the unsigned format of old cookies: anyone can write one
      `${other}.${signature}`,
      `${id}.${'A'.repeat(22)}`,
      `${id}.${signature}x`,
      `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${signature}`,
    ]) {
      expect(await readLearner(jar({ [LEARNER_COOKIE]: forged }).cookies), forged).toBeNull();
    }
    // A participant's learner id (made by the workshop store) signs like any other.
    expect(await readLearner(jar({ [LEARNER_COOKIE]: await learnerCookieValue(other) }).cookies)).toEqual(learnerScope(other));
  });

  it('each purpose signs under a key of its own: a learner signature is no herd ticket', async () => {
    const id = 'C'.repeat(22);
    const asLearner = await signature('kvlab learner id v1', `learner:${id}`);
    expect(asLearner).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await learnerCookieValue(id)).toBe(`${id}.${asLearner}`);
    expect(await isSignature('kvlab learner id v1', `learner:${id}`, asLearner)).toBe(true);
    expect(await isSignature('kvlab herd run v1', `learner:${id}`, asLearner)).toBe(false);
    expect(await isSignature('kvlab learner id v1', `learner:${id}`, asLearner.slice(1))).toBe(false);
    expect(await isSignature('kvlab learner id v1', `learner:${id}`, `${asLearner}A`)).toBe(false);
  });
});

describe('client addresses', () => {
  it('IPv4 as it is, IPv6 as its /64, IPv4-mapped IPv6 as IPv4, anything else refused', () => {
    expect(normalizeAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeAddress('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('2001:DB8:0:1::2')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
    expect(normalizeAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    for (const bad of ['', '300.1.1.1', '1.2.3', 'localhost', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '203.0.113.7, 10.0.0.1']) {
      expect(normalizeAddress(bad), bad).toBeNull();
    }
  });

  it('a request without CF-Connecting-IP counts as the one address "unknown"', () => {
    expect(clientAddress(new Request('http://x/'))).toBe('unknown');
    expect(clientAddress(new Request('http://x/', { headers: { 'cf-connecting-ip': 'nonsense' } }))).toBe('unknown');
    expect(clientAddress(new Request('http://x/', { headers: { 'cf-connecting-ip': ' 198.51.100.4 ' } }))).toBe('198.51.100.4');
  });
});

describe('the budgets', () => {
  /** The real binding: `limit` units pass within one window, the next one is refused. */
  async function capacity(budget: Budget): Promise<number> {
    for (;;) {
      const window = Math.floor(Date.now() / 1000 / budget.period);
      const key = `capacity-test:${crypto.randomUUID()}`;
      let passed = 0;
      while (passed <= budget.limit && (await env[budget.binding].limit({ key })).success) passed++;
      // Counted across a window boundary, the figure would be meaningless: count again.
      if (Math.floor(Date.now() / 1000 / budget.period) === window) return passed;
    }
  }

  for (const [name, budget] of Object.entries(BUDGETS)) {
    it(`${name}: ${budget.binding} allows ${budget.limit} per ${budget.period} s, as its message says`, async () => {
      expect(await capacity(budget)).toBe(budget.limit);
      expect(budget.says).toContain(String(budget.limit));
    }, 30_000);
  }

  it('wrangler.toml declares each budget with the same limit and period, and a namespace of its own', () => {
    const blocks = [...wranglerToml.matchAll(/\[\[ratelimits\]\]\s*name = "(\w+)"\s*namespace_id = "(\d+)"\s*simple = \{ limit = (\d+), period = (\d+) \}/g)];
    const declared = new Map(blocks.map(([, name, id, limit, period]) => [name, { id, limit: Number(limit), period: Number(period) }]));
    for (const budget of Object.values(BUDGETS)) {
      expect(declared.get(budget.binding), budget.binding).toMatchObject({ limit: budget.limit, period: budget.period });
    }
    // Budgets may share a binding (a participant is a learner); every binding declared is used.
    expect(declared.size).toBe(new Set(Object.values(BUDGETS).map((b) => b.binding)).size);
    expect(new Set([...declared.values()].map((d) => d.id)).size).toBe(declared.size);
  });

  it('a spent budget answers 429 with the JSON error shape and Retry-After until the window ends', async () => {
    const key = `spent:${crypto.randomUUID()}`;
    for (let i = 0; i < BUDGETS.giant.limit; i++) expect(await spend(BUDGETS.giant, key)).toBeNull();
    const now = Date.now();
    const refused = (await spend(BUDGETS.giant, key, now))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/json');
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBe(retryAfterSeconds(60, now));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(new RegExp(`3 times a minute\\. Try again in ${seconds} seconds?\\.$`)) },
    });
  });

  it('Retry-After counts to the end of the clock-aligned window', () => {
    expect(retryAfterSeconds(10, 1_700_000_003_000)).toBe(7);
    expect(retryAfterSeconds(60, 1_700_000_020_500)).toBe(20);
    expect(retryAfterSeconds(10, 1_700_000_009_999)).toBe(1);
    expect(rateLimited(BUDGETS.learner, 1_700_000_003_000).headers.get('retry-after')).toBe('7');
  });
});

describe('reads of page_views', () => {
  const learner = learnerScope('scanner_000000000000000');

  it('ORIGIN_SCAN_ROWS: unset is the whole table; a whole number 1–150000 is taken; anything else is refused', () => {
    expect(parseScanRows(undefined)).toBe(PAGE_VIEW_ROWS);
    expect(parseScanRows('150000')).toBe(150_000);
    expect(parseScanRows(' 5000 ')).toBe(5000);
    expect(parseScanRows(1)).toBe(1);
    for (const bad of ['0', '-5', '1.5', '1e4', 'abc', '150001', '5,000', 'NaN', '99999999']) {
      expect(() => parseScanRows(bad), bad).toThrow(/ORIGIN_SCAN_ROWS must be a whole number from 1 to 150000/);
    }
    expect(parseScanRows(env.ORIGIN_SCAN_ROWS)).toBe(150_000);
  });

  it('a MISS reads as many page_views rows as configured, no more', async () => {
    const full = { queries: 0, rowsRead: 0 };
    const bounded = { queries: 0, rowsRead: 0 };
    const post = await loadPost(env.DB, learner.id, 3, full);
    const small = await loadPost(env.DB, learner.id, 3, bounded, { rows: 5000 });
    // The post lookup reads a row or two; the statistics read the rest.
    expect(full.rowsRead - PAGE_VIEW_ROWS).toBeGreaterThanOrEqual(0);
    expect(full.rowsRead - PAGE_VIEW_ROWS).toBeLessThan(5);
    expect(bounded.rowsRead - 5000).toBeGreaterThanOrEqual(0);
    expect(bounded.rowsRead - 5000).toBeLessThan(5);
    expect(post!.stats.views).toBe(5000);
    const { views } = (await env.DB.prepare('SELECT COUNT(*) AS views FROM page_views WHERE post_id = 3 AND id <= 5000').first<{ views: number }>())!;
    expect(small!.stats.views).toBe(views);
  });

  it('the value-size demo honours the same bound, the giant value included', async () => {
    const scan = { rows: 3000 };
    const giant = await compareValueSize({ ...env, scan }, learner, 'giant', 3);
    const query = await compareValueSize({ ...env, scan }, learner, 'query', 3);
    // A range scan of the primary key: the rows in range, and at most the one that ends it.
    for (const run of [giant, query]) {
      expect(run.origin.rowsRead).toBeGreaterThanOrEqual(3000);
      expect(run.origin.rowsRead).toBeLessThanOrEqual(3001);
    }
    expect(giant.data).toEqual(query.data);
    expect(giant.bytes).toBeLessThan(300 * 1024);
  });

  it('a refused scan stops the MISS before D1 is scanned or KV written; a HIT is never asked', async () => {
    let asked = 0;
    const refusing: PageViewScan = {
      rows: PAGE_VIEW_ROWS,
      admit: async () => {
        asked++;
        throw new BudgetSpent(rateLimited(BUDGETS.scan));
      },
    };
    const reader = learnerScope('refused_scan_00000000000');
    await expect(getPostCacheAside({ ...env, scan: refusing }, reader, 4)).rejects.toBeInstanceOf(BudgetSpent);
    expect(asked).toBe(1);
    expect(await env.KV.get(`${reader.kvPrefix}post:4`)).toBeNull();

    await getPostCacheAside(env, reader, 4); // cached now
    const hit = await getPostCacheAside({ ...env, scan: refusing }, reader, 4);
    expect(hit.cache).toBe('HIT');
    expect(asked).toBe(1);
    // A post that does not exist is answered without a scan, too.
    expect((await getPostCacheAside({ ...env, scan: refusing }, reader, 31)).data).toBeNull();
    expect(asked).toBe(1);
  });
});

describe('sandbox admission', () => {
  it('one address never holds every slot; other addresses still get in', () => {
    expect(MAX_CONCURRENT_RUNS).toBe(2);
    const a1 = admitRun('loop-1', '203.0.113.9');
    expect(a1.ok).toBe(true);
    // A fresh learner id from the same address waits, however many ids it has.
    for (const id of ['loop-2', 'loop-3', 'loop-4']) expect(admitRun(id, '203.0.113.9')).toEqual({ ok: false, reason: 'address_busy' });
    expect(admitRun('loop-1', '198.51.100.1')).toEqual({ ok: false, reason: 'learner_busy' });
    const other = admitRun('learner-b', '198.51.100.1');
    expect(other.ok).toBe(true);
    expect(admitRun('learner-c', '192.0.2.1')).toEqual({ ok: false, reason: 'server_busy' });
    if (a1.ok) a1.release();
    if (other.ok) other.release();
    const again = admitRun('loop-2', '203.0.113.9');
    expect(again.ok).toBe(true);
    if (again.ok) again.release();
  });

  it('slots: a release frees its slot once, even when called twice', () => {
    const slots = new Slots(1);
    const release = slots.take()!;
    expect(slots.take()).toBeNull();
    release();
    release();
    const next = slots.take();
    expect(next).not.toBeNull();
    expect(slots.take()).toBeNull();
  });
});

describe('the server’s own machine', () => {
  it('is not held to per-address budgets (it shares its address with nobody); any other address is', async () => {
    const budget = BUDGETS.joinAddress;
    for (let i = 0; i < budget.limit + 5; i++) expect(await spend(budget, 'join:127.0.0.1')).toBeNull();
    let refused = 0;
    for (let i = 0; i < budget.limit + 5; i++) if (await spend(budget, 'join:203.0.113.201')) refused++;
    expect(refused).toBe(5);
  });
});

describe('the giant value', () => {
  it('is built one at a time: a second build while one runs is a 429, and the slot is free again after', async () => {
    let finish!: () => void;
    let started!: () => void;
    const building = new Promise<void>((resolve) => (started = resolve));
    const first = withGiantValueSlot('giant-a', 'test:203.0.113.9', () => {
      started();
      return new Promise<string>((resolve) => (finish = () => resolve('built')));
    });
    await building;
    const refused = await withGiantValueSlot('giant-b', 'test:203.0.113.10', async () => 'never').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BudgetSpent);
    const response = (refused as BudgetSpent).response;
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('one at a time');
    finish();
    expect(await first).toBe('built');
    expect(await withGiantValueSlot('giant-b', 'test:203.0.113.10', async () => 'second')).toBe('second');
  });
});
