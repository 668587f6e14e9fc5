import { utf8Length } from '../kv/limits';
import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { FULL_SCAN } from '../origin/posts';
import { buildKey } from '../patterns/keys';
import type { DemoBindings } from './cache-aside';

/*
 * Three anti-patterns, each run for real beside the fix. The wrong versions are marked
 * ANTI-PATTERN; they exist so a learner can watch them fail, not to be copied.
 */

// ── 1. A global key for per-user data ───────────────────────────────────────────────────

/** Simulated users: fixed, harmless profiles, so a leak shows without exposing anybody. */
export const SIMULATED_USERS = {
  alice: { id: 'alice', name: 'Alice Example', email: 'alice@example.com', plan: 'Pro', cardEnding: '4242' },
  bob: { id: 'bob', name: 'Bob Example', email: 'bob@example.com', plan: 'Free', cardEnding: '1881' },
} as const;
export type SimulatedUserId = keyof typeof SIMULATED_USERS;
export type Profile = (typeof SIMULATED_USERS)[SimulatedUserId];
export const isSimulatedUser = (id: unknown): id is SimulatedUserId =>
  typeof id === 'string' && Object.hasOwn(SIMULATED_USERS, id);

/**
 * ANTI-PATTERN with `scoped = false`: one key, `current-user`, for whoever signed in last.
 * KV is shared by every request in every location, so the next visitor reads it.
 * The fix, `scoped = true`: the user's id is part of the key, `user:<id>:profile`.
 */
export const profileKey = (user: SimulatedUserId, scoped: boolean) =>
  scoped ? buildKey('user', user, 'profile') : 'current-user';

/** A user signs in: their profile is cached for the session (30 minutes). */
export async function signIn(env: DemoBindings, learner: LearnerScope, user: SimulatedUserId, scoped: boolean) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = profileKey(user, scoped);
  await kv.put(key, JSON.stringify(SIMULATED_USERS[user]), { expirationTtl: 1800 });
  return { key, data: SIMULATED_USERS[user], timings: meter.timings() };
}

/** The user opens their profile page. `leaked` is true when the cache handed them someone else. */
export async function viewProfile(env: DemoBindings, learner: LearnerScope, user: SimulatedUserId, scoped: boolean) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const key = profileKey(user, scoped);
  const profile = await kv.get<Profile>(key, 'json');
  return {
    cache: profile === null ? ('MISS' as const) : ('HIT' as const),
    key,
    data: profile,
    leaked: profile !== null && profile.id !== user,
    timings: meter.timings(),
  };
}

/** The JSON of GET /api/demos/anti-patterns/profile. */
export type ProfileAnswer = Awaited<ReturnType<typeof viewProfile>>;

// ── 2. Giant values ─────────────────────────────────────────────────────────────────────

/**
 * Three ways to answer "how many views does post N have?":
 * - `giant`  ANTI-PATTERN: cache the whole page_views table in one key, then filter it.
 * - `small`  cache only the answer of a bounded query, under a key of its own.
 * - `query`  no cache at all: the bounded query against D1.
 */
export const VALUE_SHAPES = ['giant', 'small', 'query'] as const;
export type ValueShape = (typeof VALUE_SHAPES)[number];

// Both read page_views without an index, bounded to its first ?n rows (ORIGIN_SCAN_ROWS).
const SELECT_ALL_VIEWS = `SELECT post_id, visitor_id, viewed_at, country FROM page_views WHERE id <= ?1`;
const COUNT_VIEWS = `SELECT COUNT(*) AS views FROM page_views WHERE post_id = ?1 AND id <= ?2`;

/**
 * Run one shape end to end and measure it: the D1 read, the KV write and read-back, and
 * the size of the value. Every run writes and reads again, so the numbers are this run's.
 */
export async function compareValueSize(env: DemoBindings, learner: LearnerScope, shape: ValueShape, postId: number) {
  const meter = new Meter();
  const kv = scopeKv(env.KV, learner.kvPrefix);
  const scan = env.scan ?? FULL_SCAN;
  let rowsRead = 0;
  await scan.admit?.();

  if (shape === 'query') {
    const result = await meter.time('d1', () => env.DB.prepare(COUNT_VIEWS).bind(postId, scan.rows).run<{ views: number }>());
    rowsRead = result.meta.rows_read ?? 0;
    return { shape, key: null, bytes: 0, data: { postId, views: result.results[0]?.views ?? 0 }, origin: { queries: 1, rowsRead }, timings: meter.timings() };
  }

  let key: string;
  let value: string;
  if (shape === 'giant') {
    key = 'all-page-views';
    const result = await meter.time('d1', () => env.DB.prepare(SELECT_ALL_VIEWS).bind(scan.rows).run<{ post_id: number }>());
    rowsRead = result.meta.rows_read ?? 0;
    value = JSON.stringify(result.results);
  } else {
    key = buildKey('post', postId, 'views');
    const result = await meter.time('d1', () => env.DB.prepare(COUNT_VIEWS).bind(postId, scan.rows).run<{ views: number }>());
    rowsRead = result.meta.rows_read ?? 0;
    value = JSON.stringify({ postId, views: result.results[0]?.views ?? 0 });
  }

  await meter.time('put', () => kv.put(key, value, { expirationTtl: 300 }));
  const read = await meter.time('get', () => kv.get(key, 'text'));
  // With the giant value, every reader downloads and parses all of it to use one number.
  const views =
    shape === 'giant'
      ? (JSON.parse(read ?? '[]') as { post_id: number }[]).filter((row) => row.post_id === postId).length
      : ((JSON.parse(read ?? '{}') as { views?: number }).views ?? 0);
  return { shape, key, bytes: utf8Length(value), data: { postId, views }, origin: { queries: 1, rowsRead }, timings: meter.timings() };
}

/** The JSON of POST /api/demos/anti-patterns/value-size. */
export type ValueSizeAnswer = Awaited<ReturnType<typeof compareValueSize>>;

// ── 3. Forgetting expiration ────────────────────────────────────────────────────────────

/** Search results are cached per query string, so every new search is a new key. */
const SEARCH_PREFIX = 'search:';

/**
 * Cache `count` search results. ANTI-PATTERN with `withExpiration = false`: nothing ever
 * removes those keys, so they pile up in `list()` (and in the stored-data bill) forever.
 * With an expiration each key removes itself after an hour.
 */
export async function cacheSearches(env: DemoBindings, learner: LearnerScope, count: number, withExpiration: boolean) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const terms = Array.from({ length: count }, () => `q-${crypto.randomUUID().slice(0, 8)}`);
  await Promise.all(
    terms.map((term) =>
      kv.put(buildKey('search', term), JSON.stringify({ term, results: [] }), withExpiration ? { expirationTtl: 3600 } : {}),
    ),
  );
  const page = await kv.list({ prefix: SEARCH_PREFIX, limit: 1000 });
  const keys = page.keys.map(({ name, expiration }) => ({ name, expiration: expiration ?? null }));
  return {
    data: {
      written: count,
      withExpiration,
      total: keys.length,
      neverExpire: keys.filter((k) => k.expiration === null).length,
      complete: page.list_complete,
      newest: keys.filter((k) => terms.some((t) => k.name.endsWith(t))),
      sample: keys.slice(0, 12),
    },
    timings: meter.timings(),
  };
}

/** The JSON of POST /api/demos/anti-patterns/searches. */
export type SearchesAnswer = Awaited<ReturnType<typeof cacheSearches>>;
