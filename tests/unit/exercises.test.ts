import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { learnerScope } from '../../src/lib/learner-scope';
import { EXERCISES, EXERCISE_SLUGS, referenceSource, type ExerciseSlug } from '../../src/server/exercises/registry';
import { runExercise } from '../../src/server/exercises/run';

const learner = learnerScope('exerciser_0000000000000');
const run = (slug: ExerciseSlug, code: string) => runExercise(env, learner, slug, code);

/** The reference solution with one bug put in: `find` must occur in it exactly as written. */
function mutate(slug: ExerciseSlug, ...replacements: [find: string, replace: string][]): string {
  let code = referenceSource(slug);
  for (const [find, replace] of replacements) {
    expect(code, `the reference of ${slug} no longer contains ${JSON.stringify(find)}`).toContain(find);
    code = code.replace(find, replace);
  }
  return code;
}

/** Every call the checks made, with its arguments: what differs between two runs. */
const callsOf = (report: Awaited<ReturnType<typeof run>>) => report.trace.filter((t) => t.op === 'call').map((t) => t.key);
const firstRunCalls: Partial<Record<ExerciseSlug, (string | undefined)[]>> = {};

describe('the reference solution (content/exercises/<slug>/solution.ts) passes every check', () => {
  for (const slug of EXERCISE_SLUGS) {
    it(slug, async () => {
      expect(EXERCISES[slug].reference).toBe(`content/exercises/${slug}/solution.ts`);
      const report = await run(slug, referenceSource(slug));
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(report.checks).toHaveLength(EXERCISES[slug].checks.length);
      expect(report.passed).toBe(true);
      expect(report.error).toBeUndefined();
      expect(report.trace.length).toBeGreaterThan(0);
      firstRunCalls[slug] = callsOf(report);
    });
  }
});

describe('the checks use different inputs on every run, so a table of answers cannot pass', () => {
  for (const slug of EXERCISE_SLUGS) {
    it(`${slug}: a second run calls the solution with other arguments`, async () => {
      const first = firstRunCalls[slug] ?? callsOf(await run(slug, referenceSource(slug)));
      const second = await run(slug, referenceSource(slug));
      expect(second.passed).toBe(true);
      expect(first.length).toBeGreaterThan(0);
      expect(callsOf(second)).not.toEqual(first);
    });
  }
});

/**
 * The module each lesson shows beside the exercise (its code panel), as a learner would paste
 * it in: unchanged, or with its function renamed to the one the exercise asks for. Each
 * exercise asks for a variant, so the panel fails; `fails` names the checks it fails.
 */
const PATTERNS = import.meta.glob('../../src/lib/patterns/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const CODE_PANEL: Partial<Record<ExerciseSlug, { module: string; rename?: string; fails: string[] }>> = {
  'list-all-keys': {
    module: 'list-all-keys.ts',
    rename: 'export const listKeysByStatus = (kv: any, prefix: string, _status: string) => listAllKeys(kv, prefix);',
    fails: ['Returns every key under the prefix with that status, each once'],
  },
  'cache-aside': {
    module: 'cache-aside.ts',
    fails: ['A post that does not exist is remembered for 60 s', 'The next read of a missing post is NEGATIVE, without the origin'],
  },
  'write-through-invalidate': {
    module: 'write-through.ts',
    fails: ["The lists' version is bumped once the origin has saved", 'A family without a version starts at 1, and its version never expires'],
  },
  'stale-while-revalidate': {
    module: 'stale-while-revalidate.ts',
    fails: ['A copy older than maxStaleMs is not served: the reader waits for the origin'],
  },
  'key-builder': {
    module: 'keys.ts',
    fails: ['buildKey refuses a key over 512 bytes', 'Tenant ids are compared without case'],
  },
  'ttl-until-midnight': {
    module: 'ttl.ts',
    rename: 'export const secondsUntilLocalMidnight = (_offset: number, now?: Date) => secondsUntilMidnightUtc(now);',
    fails: ['Counts the seconds to the next midnight in the tenant’s zone', 'Whole seconds, never short of midnight', "Never below KV's 60-second minimum"],
  },
  'get-cached-or-fresh': {
    module: 'get-cached-or-fresh.ts',
    fails: ['When the origin fails too, the fallback is answered and not cached'],
  },
};

describe("the lesson's code panel does not pass the exercise beside it", () => {
  it('every exercise of the seven that have a pattern module is listed', () => {
    expect(Object.keys(CODE_PANEL).sort()).toEqual(
      ['cache-aside', 'get-cached-or-fresh', 'key-builder', 'list-all-keys', 'stale-while-revalidate', 'ttl-until-midnight', 'write-through-invalidate'].sort(),
    );
  });
  for (const [slug, panel] of Object.entries(CODE_PANEL) as [ExerciseSlug, NonNullable<(typeof CODE_PANEL)[ExerciseSlug]>][]) {
    it(`${slug}: src/lib/patterns/${panel.module} fails ${panel.fails.length} check(s) for a reason`, async () => {
      const source = PATTERNS[`../../src/lib/patterns/${panel.module}`];
      expect(typeof source, panel.module).toBe('string');
      const report = await run(slug, panel.rename ? `${source}\n${panel.rename}\n` : source!);
      expect(report.error?.kind, JSON.stringify(report.error)).not.toBe('syntax');
      expect(report.passed).toBe(false);
      const failed = report.checks.filter((c) => !c.passed);
      expect(failed.map((c) => c.name), JSON.stringify(failed)).toEqual(panel.fails);
      for (const c of failed) expect(c.message).not.toMatch(/^Not run/);
    });
  }
});

/** For every check, a wrong solution that fails that check and no other. */
const WRONG: Record<ExerciseSlug, Record<string, string>> = {
  'cache-aside': {
    'A first read is a MISS that loads from the origin once': mutate('cache-aside', ["return { value: fresh, cache: 'MISS' };", "return { value: fresh, cache: 'HIT' };"]),
    'The second read is a HIT, without the origin': mutate('cache-aside', ['await kv.put(key, JSON.stringify(fresh), {', 'await kv.put(key, JSON.stringify(JSON.stringify(fresh)), {']),
    'The value is stored with a TTL of at least 60 s and cached_at metadata': mutate('cache-aside', ['expirationTtl: ttlSeconds, // KV rejects TTLs under 60 seconds', '']),
    // Remembered as long as a post: a post created later stays hidden for an hour.
    'A post that does not exist is remembered for 60 s': mutate('cache-aside', ['expirationTtl: NOT_FOUND_TTL_SECONDS,', 'expirationTtl: ttlSeconds,']),
    'The next read of a missing post is NEGATIVE, without the origin': mutate('cache-aside', ["if (metadata?.missing) return { value: null, cache: 'NEGATIVE' };", '']),
    'A cached falsy value (0) is still a HIT': mutate('cache-aside', ['if (value !== null)', 'if (value)']),
  },
  'write-through-invalidate': {
    'Saves to the origin once and returns the saved value': mutate('write-through-invalidate', ['const saved = await saveToOrigin();', 'await saveToOrigin(); const saved = await saveToOrigin();']),
    'The new value is in KV at once: the next read is a HIT with it': mutate('write-through-invalidate', ['JSON.stringify(saved)', 'JSON.stringify({ saved })']),
    'The value is stored with a TTL of at least 60 s and cached_at metadata': mutate('write-through-invalidate', ['metadata: { cached_at: Date.now() } satisfies CachedAt,', '']),
    // A version that is there is written back unchanged; a missing one still becomes 2.
    "The lists' version is bumped once the origin has saved": mutate('write-through-invalidate', ['(Number.isInteger(stored) && stored >= 1 ? stored : 1) + 1', 'Number.isInteger(stored) && stored >= 1 ? stored : 2']),
    'A family without a version starts at 1, and its version never expires': mutate('write-through-invalidate', ['await kv.put(listsVersionKey, String(listsVersion));', 'await kv.put(listsVersionKey, String(listsVersion), { expirationTtl: ttlSeconds });']),
    'The old copy is gone before the origin is written, and a failed write leaves none': mutate('write-through-invalidate', ['await kv.delete(key);', '']),
  },
  'stale-while-revalidate': {
    // A cold key is answered but never stored: every read of it waits for the origin.
    'A cold key is a MISS, loaded from the origin and cached with cached_at': mutate('stale-while-revalidate', [
      "if (ageMs === null || ageMs > maxStaleMs) return { value: await refresh(), cache: 'MISS', ageMs: null };",
      "if (ageMs === null) return { value: await loadFromOrigin(), cache: 'MISS', ageMs: null };\n  if (ageMs > maxStaleMs) return { value: await refresh(), cache: 'MISS', ageMs: null };",
    ]),
    'A fresh copy is a HIT without the origin': mutate('stale-while-revalidate', ['if (ageMs <= staleAfterMs)', 'if (ageMs < 0)']),
    'A stale copy is served at once as STALE': mutate('stale-while-revalidate', ["return { value, cache: 'STALE', ageMs };", "return { value, cache: 'HIT', ageMs };"]),
    'The refresh goes through waitUntil and updates KV': mutate('stale-while-revalidate', ['waitUntil(refresh().catch(', 'void (refresh().catch(']),
    'A copy older than maxStaleMs is not served: the reader waits for the origin': mutate('stale-while-revalidate', ['ageMs === null || ageMs > maxStaleMs', 'ageMs === null']),
  },
  'key-builder': {
    'buildKey joins the parts with ":", broadest first': mutate(
      'key-builder',
      ['.join(SEPARATOR);', ".join('/');"],
      ['return buildKey(`v${version}`, ...parts);', "return [`v${version}`, ...parts].map(part).join(':');"],
      ["return buildKey('tenant', tenantId.toLowerCase(), ...parts);", "return ['tenant', tenantId.toLowerCase(), ...parts].map(part).join(':');"],
    ),
    'buildKey refuses an empty part': mutate('key-builder', ["if (text === '') throw", "if (text === '\\u0000') throw"]),
    'buildKey refuses a key over 512 bytes': mutate('key-builder', ['if (bytes > MAX_KEY_BYTES) throw', 'if (bytes > 100 * MAX_KEY_BYTES) throw']),
    'Tenant ids are compared without case': mutate('key-builder', ['tenantId.toLowerCase()', 'tenantId']),
    'versionedKey puts v<version> in front': mutate('key-builder', ['return buildKey(`v${version}`, ...parts);', 'return `v${version}` + buildKey(...parts);']),
    'versionedKey refuses a version that is not a whole number from 1': mutate('key-builder', ['if (!Number.isInteger(version) || version < 1) throw', 'if (Number.isNaN(version)) throw']),
    'tenantKey keeps tenants apart in KV': mutate('key-builder', ["return buildKey('tenant', tenantId.toLowerCase(), ...parts);", 'return buildKey(tenantId.toLowerCase(), ...parts);']),
    // The collision: a tenant id pasted in unescaped, so 'acme:admin' poses as tenant 'acme'.
    "A tenant id containing \":\" cannot reach another tenant's keys": mutate('key-builder', ['return encodeURIComponent(text);', 'return text;']),
  },
  'ttl-until-midnight': {
    // Off by one on a whole second: right whenever there are milliseconds to round up.
    'Counts the seconds to the next midnight in the tenant’s zone': mutate('ttl-until-midnight', ['Math.ceil((nextLocalMidnight - now.getTime()) / 1000)', 'Math.floor((nextLocalMidnight - now.getTime()) / 1000) + 1']),
    'Whole seconds, never short of midnight': mutate('ttl-until-midnight', ['Math.ceil(', 'Math.floor(']),
    "Never below KV's 60-second minimum": mutate('ttl-until-midnight', ['Math.max(KV_MIN_TTL_SECONDS, ', '(']),
    'Uses the current time by default, and KV accepts the result': mutate('ttl-until-midnight', ['now = new Date()', 'now = new Date(0)']),
  },
  'get-cached-or-fresh': {
    'A cold read comes from the origin and is cached with a TTL': mutate('get-cached-or-fresh', ['{ expirationTtl: ttlSeconds, metadata:', '{ metadata:']),
    // Awaiting the write (caught, so nothing else breaks): every miss pays for the put.
    'The cache write is handed to waitUntil, not awaited': mutate('get-cached-or-fresh', ['  waitUntil(\n    kv\n', '  await Promise.resolve(\n    kv\n']),
    'The next read comes from the cache': mutate('get-cached-or-fresh', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']),
    'A KV read failure still returns the data': mutate('get-cached-or-fresh', ['cacheReadFailed = true;\n    console.error', 'throw error;\n    console.error']),
    // No .catch on the deferred write: a failed put becomes an unhandled rejection.
    'A KV write failure still returns the data': mutate('get-cached-or-fresh', ["\n      .catch((error) => console.error(`Writing ${key} to KV failed; the data went out anyway:`, error)),", ',']),
    'When the origin fails too, the fallback is answered and not cached': mutate('get-cached-or-fresh', ['if (fallback === undefined) throw error;', 'throw error;']),
    'Without a fallback, an origin failure reaches the caller': mutate('get-cached-or-fresh', ['if (fallback === undefined) throw error;', "if (fallback === undefined) return { data: null as T, source: 'fallback', cacheReadFailed };"]),
  },
  'product-catalogue': {
    'The first list is a MISS from the origin, cached under products:v1 with a TTL of at least 60 s; the next is a HIT': mutate('product-catalogue', ['await kv.put(listKey(version), value, { expirationTtl: ttlSeconds, metadata', 'await kv.put(listKey(version), value, { metadata']),
    // A version read as if only this module's own first edit could ever have set it.
    'The list key carries the version stored in catalogue:version': mutate('product-catalogue', ['stored >= 1 ? stored : 1', 'stored === 2 ? stored : 1']),
    'getProduct is cache-aside: a MISS, then a HIT; a product the origin lacks is not cached': mutate('product-catalogue', ["if (product === null) return { product: null, cache: 'MISS' };\n", '']),
    // Cache first, put back on failure: the edit is in KV while the origin is written.
    'An edit saves to the origin first, then writes the product to KV': mutate('product-catalogue', [
      'const product = await saveToOrigin(edit);',
      'const before = await kv.get(productKey(edit.id));\n  await kv.put(productKey(edit.id), JSON.stringify(edit), { expirationTtl: ttlSeconds });\n  let product;\n  try {\n    product = await saveToOrigin(edit);\n  } catch (error) {\n    if (before !== null) await kv.put(productKey(edit.id), before, { expirationTtl: ttlSeconds });\n    throw error;\n  }',
    ]),
    // The version moves before the save, so a failed save still drops every cached list.
    'A failed save changes nothing in KV and reaches the caller': mutate('product-catalogue', [
      'const product = await saveToOrigin(edit);',
      'await kv.put(VERSION_KEY, String((await catalogueVersion(kv)) + 1));\n  const product = await saveToOrigin(edit);',
    ], ['const version = (await catalogueVersion(kv)) + 1;\n  await kv.put(VERSION_KEY, String(version));', 'const version = await catalogueVersion(kv);']),
    'An edit bumps the version: the next list is a MISS with the edit, and getProduct is a HIT with it': mutate('product-catalogue', ['  await kv.put(VERSION_KEY, String(version));\n', '']),
    'A stale list is served at once as STALE and refreshed through waitUntil': mutate('product-catalogue', ['waitUntil(loadAndCache(', 'void (loadAndCache(']),
    'When the origin fails, the last good list is served as FALLBACK': mutate('product-catalogue', ['if (lastGood === null) throw error;', 'throw error;']),
  },
  'list-all-keys': {
    'Returns every key under the prefix with that status, each once': mutate('list-all-keys', ['if (key.metadata?.status === status)', 'if (key.metadata?.status !== undefined)']),
    // One read per page is enough to break the rule: the listing already has every status.
    'Reads the status from the listing, without a get per key': mutate('list-all-keys', ['const page = await kv.list', 'await kv.get(prefix);\n    const page = await kv.list']),
    'Passes the same prefix with every cursor': mutate(
      'list-all-keys',
      ['kv.list<StatusMetadata>({ prefix, cursor })', 'kv.list<StatusMetadata>(cursor ? { cursor } : { prefix })'],
      ['if (page.list_complete) return matching;', 'if (page.list_complete) return matching.filter((n) => n.startsWith(prefix));'],
    ),
    'Stops on list_complete, not on an empty page': mutate('list-all-keys', ['if (page.list_complete) return matching;', 'if (page.list_complete || page.keys.length === 0) return matching;']),
  },
};

describe('a known-wrong solution fails exactly the check it breaks', () => {
  for (const slug of EXERCISE_SLUGS) {
    it(`${slug}: every check has a wrong solution`, () => {
      expect(Object.keys(WRONG[slug]).sort()).toEqual(EXERCISES[slug].checks.map((c) => c.name).sort());
    });
    for (const [checkName, code] of Object.entries(WRONG[slug])) {
      it(`${slug}: ${checkName}`, async () => {
        const report = await run(slug, code);
        const failed = report.checks.filter((c) => !c.passed);
        expect(failed.map((c) => c.name), JSON.stringify(failed)).toEqual([checkName]);
        expect(failed[0]!.message.length).toBeGreaterThan(10);
        expect(report.passed).toBe(false);
      });
    }
  }
});

describe('the starter code', () => {
  const starters = import.meta.glob('../../content/exercises/*/starter.ts', { query: '?raw', import: 'default', eager: true });
  for (const slug of EXERCISE_SLUGS) {
    it(`${slug}: compiles, runs and fails some checks, with a reason for each`, async () => {
      const starter = starters[`../../content/exercises/${slug}/starter.ts`];
      expect(typeof starter).toBe('string');
      const report = await run(slug, starter as string);
      expect(report.error?.kind).not.toBe('syntax');
      expect(report.passed).toBe(false);
      for (const c of report.checks) expect(c.message.length).toBeGreaterThan(5);
    });
  }
});

/** Whole solutions a learner might write: other reasonable styles pass, classic bugs fail with their cause named. */
const CACHE_ASIDE_OTHER_STYLE = `
type Meta = { cached_at: number; missing?: boolean };
export const cacheAside = async <T,>(kv: any, key: string, load: () => Promise<T | null>, ttlSeconds: number = 3600) => {
  const { value, metadata } = await kv.getWithMetadata(key, { type: 'json' });
  if (metadata && metadata.missing === true) return { value: null, cache: 'NEGATIVE' as const };
  if (value !== null) return { value: value as T, cache: 'HIT' as const };
  const fresh = await load();
  const now = Math.floor(Date.now() / 1000);
  const meta: Meta = fresh === null ? { cached_at: Date.now(), missing: true } : { cached_at: Date.now() };
  await kv.put(key, JSON.stringify(fresh), { expiration: now + (fresh === null ? 60 : ttlSeconds), metadata: meta });
  return { value: fresh, cache: 'MISS' as const };
};`;

const GET_CACHED_OR_FRESH_OTHER_STYLE = `
export const getCachedOrFresh = async <T,>(kv: any, key: string, fetcher: () => Promise<T>, opts: { ttlSeconds?: number; waitUntil: (p: Promise<unknown>) => void; fallback?: T }) => {
  let cacheReadFailed = false;
  try {
    const hit = await kv.get(key, { type: 'json' });
    if (hit !== null) return { data: hit as T, source: 'cache' as const, cacheReadFailed };
  } catch {
    cacheReadFailed = true;
  }
  const data = await fetcher().catch((error) => {
    if (!('fallback' in opts) || opts.fallback === undefined) throw error;
    return undefined;
  });
  if (data === undefined) return { data: opts.fallback as T, source: 'fallback' as const, cacheReadFailed };
  const write = kv.put(key, JSON.stringify(data), { expiration: Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? 3600) });
  opts.waitUntil(write.catch(() => undefined));
  return { data, source: 'origin' as const, cacheReadFailed };
};`;

const KEY_BUILDER_REFUSES = `
const part = (p: string | number): string => {
  const text = String(p);
  if (text === '' || text.includes(':')) throw new Error('bad key part: ' + text);
  return text;
};
export const buildKey = (...parts: (string | number)[]) => {
  const key = parts.map(part).join(':');
  if (new TextEncoder().encode(key).byteLength > 512) throw new Error('key too long');
  return key;
};
export const versionedKey = (version: number, ...parts: (string | number)[]) => {
  if (!Number.isInteger(version) || version < 1) throw new Error('versions start at 1');
  return buildKey('v' + version, ...parts);
};
export const tenantKey = (tenant: string, ...parts: (string | number)[]) => buildKey('tenant', tenant.toLowerCase(), ...parts);`;

describe('solutions in other reasonable styles pass', () => {
  it.each([
    ['cache-aside', 'arrow function, options-object getWithMetadata, absolute expiration, one put for both cases', CACHE_ASIDE_OTHER_STYLE],
    ['get-cached-or-fresh', "arrow function, get(key, { type: 'json' }), absolute expiration, .catch on the fetcher", GET_CACHED_OR_FRESH_OTHER_STYLE],
    ['key-builder', 'refusing a part with ":" instead of escaping it', KEY_BUILDER_REFUSES],
  ] as const)('%s: %s', async (slug, _style, code) => {
    const report = await run(slug, code);
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
  });
});

describe('classic bugs fail with a message that names them', () => {
  const cases: [ExerciseSlug, string, string, RegExp][] = [
    ['cache-aside', "kv.get(key) without 'json'", mutate('cache-aside', ["kv.getWithMetadata<T, CacheMetadata>(key, 'json')", 'kv.getWithMetadata<any, CacheMetadata>(key)']), /is the string .*read with kv\.get\(key, 'json'\)/],
    ['cache-aside', 'if (!cached): a cached 0 is a miss', mutate('cache-aside', ['if (value !== null)', 'if (value)']), /Compare with null, not falsiness/],
    // get() cannot tell a stored "null" from a missing key: the NEGATIVE read needs the metadata.
    [
      'cache-aside',
      'a remembered "not found" read with get()',
      mutate('cache-aside', ["const { value, metadata } = await kv.getWithMetadata<T, CacheMetadata>(key, 'json');", "const value = await kv.get<T>(key, 'json'); const metadata = null as CacheMetadata | null;"]),
      /read the metadata with getWithMetadata/,
    ],
    ['get-cached-or-fresh', "kv.get(key) without 'json'", mutate('get-cached-or-fresh', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']), /is the string .*'json'/],
    ['get-cached-or-fresh', 'the response waits for the cache write', mutate('get-cached-or-fresh', ['  waitUntil(\n    kv\n', '  await Promise.resolve(\n    kv\n']), /waitUntil/],
    [
      'get-cached-or-fresh',
      'the fallback is cached like data',
      mutate('get-cached-or-fresh', ["return { data: fallback, source: 'fallback', cacheReadFailed };", "waitUntil(kv.put(key, JSON.stringify(fallback), { expirationTtl: ttlSeconds }));\n    return { data: fallback, source: 'fallback', cacheReadFailed };"]),
      /Never cache it/,
    ],
    ['stale-while-revalidate', 'fire-and-forget refresh', mutate('stale-while-revalidate', ['waitUntil(refresh().catch(', 'void (refresh().catch(']), /not handed to waitUntil/],
    ['key-builder', 'a tenant id pasted in unescaped', mutate('key-builder', ['return encodeURIComponent(text);', 'return text;']), /Escape each part/],
    ['list-all-keys', 'stopping on an empty page', mutate('list-all-keys', ['if (page.list_complete) return matching;', 'if (page.list_complete || page.keys.length === 0) return matching;']), /list_complete/],
    // Bumped before the save: a list rebuilt during the save, from the old row, gets the new version.
    [
      'write-through-invalidate',
      'the lists version bumped before the save',
      mutate(
        'write-through-invalidate',
        ['  const saved = await saveToOrigin();', '  const stored = Number(await kv.get(listsVersionKey));\n  const listsVersion = (Number.isInteger(stored) && stored >= 1 ? stored : 1) + 1;\n  await kv.put(listsVersionKey, String(listsVersion));\n  const saved = await saveToOrigin();'],
        ['  const stored = Number(await kv.get(listsVersionKey));\n  const listsVersion = (Number.isInteger(stored) && stored >= 1 ? stored : 1) + 1;\n  // No expiration', '  // No expiration'],
        ['  await kv.put(listsVersionKey, String(listsVersion));\n  return { value: saved, listsVersion };', '  return { value: saved, listsVersion };'],
      ),
      /Bump after the save/,
    ],
    // The tenant's date read with the UTC getters of the real clock: wrong once the tenant's day has turned.
    [
      'ttl-until-midnight',
      "midnight of UTC's date instead of the tenant's",
      mutate('ttl-until-midnight', ['Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1)', 'Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)']),
      /to the tenant's midnight/,
    ],
  ];
  it.each(cases)('%s: %s', async (slug, _bug, code, message) => {
    const report = await run(slug, code);
    expect(report.passed).toBe(false);
    const messages = report.checks.filter((c) => !c.passed).map((c) => c.message);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });
});
