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

describe('the reference solution (the src/lib module) passes every check', () => {
  for (const slug of EXERCISE_SLUGS) {
    it(slug, async () => {
      const report = await run(slug, referenceSource(slug));
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(report.checks).toHaveLength(EXERCISES[slug].checks.length);
      expect(report.passed).toBe(true);
      expect(report.error).toBeUndefined();
      expect(report.trace.length).toBeGreaterThan(0);
    });
  }
});

/** For every check, a wrong solution that fails that check and no other. */
const WRONG: Record<ExerciseSlug, Record<string, string>> = {
  'cache-aside': {
    'A first read is a MISS that loads from the origin once': mutate('cache-aside', ['const fresh = await loadFromOrigin();', 'await loadFromOrigin(); const fresh = await loadFromOrigin();']),
    'The second read is a HIT, without the origin': mutate('cache-aside', ['await kv.put(key, JSON.stringify(fresh)', 'await kv.put(key, JSON.stringify(JSON.stringify(fresh))']),
    'The value is stored with a TTL of at least 60 s and cached_at metadata': mutate('cache-aside', ['expirationTtl: ttlSeconds,', '']),
    'A post that does not exist is not cached': mutate('cache-aside', ["if (fresh === null) return { value: null, cache: 'MISS' };", "if (fresh === null) { await kv.put(key, 'null'); return { value: null, cache: 'MISS' }; }"]),
    'A cached falsy value (0) is still a HIT': mutate('cache-aside', ['if (cached !== null)', 'if (cached)']),
  },
  'write-through-invalidate': {
    'Saves to the origin once and returns the saved value': mutate('write-through-invalidate', ['const saved = await saveToOrigin();', 'await saveToOrigin(); const saved = await saveToOrigin();']),
    'The new value is in KV at once: the next read is a HIT with it': mutate('write-through-invalidate', ['JSON.stringify(saved)', 'JSON.stringify({ saved })']),
    'The value is stored with a TTL of at least 60 s and cached_at metadata': mutate('write-through-invalidate', ['metadata: { cached_at: Date.now() } satisfies CachedAt,', '']),
    'Derived keys are invalidated': mutate('write-through-invalidate', ['...derivedKeys.map((derived) => kv.delete(derived)),', '']),
    'The old copies are gone before the origin is written, and a failed write leaves none': mutate('write-through-invalidate', ['await Promise.all([key, ...derivedKeys].map((k) => kv.delete(k)));', '']),
  },
  'stale-while-revalidate': {
    'A cold key is a MISS, loaded from the origin and cached with cached_at': mutate('stale-while-revalidate', ["cache: 'MISS'", "cache: 'HIT'"]),
    'A fresh copy is a HIT without the origin': mutate('stale-while-revalidate', ['if (ageMs <= staleAfterMs)', 'if (ageMs < 0)']),
    'A stale copy is served at once as STALE': mutate('stale-while-revalidate', ["return { value, cache: 'STALE', ageMs };", "return { value, cache: 'HIT', ageMs };"]),
    'The refresh goes through waitUntil and updates KV': mutate('stale-while-revalidate', ['waitUntil(refresh().catch(', 'void (refresh().catch(']),
  },
  'key-builder': {
    'buildKey joins the parts with ":", broadest first': mutate('key-builder', ['.join(SEPARATOR);', ".join('/');"], ["return buildKey(`v${version}`, ...parts);", "return [`v${version}`, ...parts].join(':');"], ["return buildKey('tenant', tenantId, ...parts);", "return ['tenant', tenantId, ...parts].map(keyPart).join(':');"]),
    'buildKey refuses an empty part': mutate('key-builder', ["if (text === '') throw", "if (text === '\\u0000') throw"]),
    'versionedKey puts v<version> in front': mutate('key-builder', ['return buildKey(`v${version}`, ...parts);', 'return `v${version}` + buildKey(...parts);']),
    'versionedKey refuses a version that is not a whole number from 1': mutate('key-builder', ['if (!Number.isInteger(version) || version < 1) throw', 'if (Number.isNaN(version)) throw']),
    'tenantKey keeps tenants apart in KV': mutate('key-builder', ["return buildKey('tenant', tenantId, ...parts);", 'return buildKey(tenantId, ...parts);']),
    // The collision: a tenant id pasted in unescaped, so 'acme:admin' poses as tenant 'acme'.
    "A tenant id containing \":\" cannot reach another tenant's keys": mutate('key-builder', ['return encodeURIComponent(text);', 'return text;']),
  },
  'ttl-until-midnight': {
    'Counts the seconds to the next midnight UTC': mutate('ttl-until-midnight', ['Math.ceil((midnight - now.getTime()) / 1000)', '(23 - now.getUTCHours()) * 3600 + (60 - now.getUTCMinutes()) * 60']),
    'Whole seconds, never short of midnight': mutate('ttl-until-midnight', ['Math.ceil(', 'Math.floor(']),
    "Never below KV's 60-second minimum": mutate('ttl-until-midnight', ['Math.max(KV_MIN_TTL_SECONDS, ', '(']),
    'Uses the current time by default, and KV accepts the result': mutate('ttl-until-midnight', ['now = new Date()', 'now = new Date(0)']),
  },
  'get-cached-or-fresh': {
    'A cold read comes from the origin and is cached with a TTL': mutate('get-cached-or-fresh', ['expirationTtl: ttlSeconds,', '']),
    // Awaiting the write (caught, so nothing else breaks): every miss pays for the put.
    'The cache write is handed to waitUntil, not awaited': mutate('get-cached-or-fresh', ['  waitUntil(\n    kv\n', '  await Promise.resolve(\n    kv\n']),
    'The next read comes from the cache': mutate('get-cached-or-fresh', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']),
    'A KV read failure still returns the data': mutate('get-cached-or-fresh', ["const cached = await kv.get<T>(key, 'json');", "const cached = await kv.get<T>(key, 'json').catch((e) => { throw e; });\n    if (cached === undefined) cacheReadFailed = true;"], ['cacheReadFailed = true;\n    console.error', 'throw error;\n    console.error']),
    // No .catch on the deferred write: a failed put becomes an unhandled rejection.
    'A KV write failure still returns the data': mutate('get-cached-or-fresh', ["\n      .catch((error) => console.error(`KV write of ${key} failed; the data was returned anyway:`, error)),", ',']),
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
    'Returns every key under the prefix, each once': mutate('list-all-keys', ['page.keys.map((k) => k.name)', 'page.keys.map((k) => k.name.slice(prefix.length))']),
    'Passes the same prefix with every cursor': mutate('list-all-keys', ['kv.list({ prefix, cursor })', 'kv.list(cursor ? { cursor } : { prefix })'], ['if (page.list_complete) return names;', 'if (page.list_complete) return names.filter((n) => n.startsWith(prefix));']),
    'Stops on list_complete, not on an empty page': mutate('list-all-keys', ['if (page.list_complete) return names;', 'if (page.list_complete || page.keys.length === 0) return names;']),
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
type Cached = { cached_at: number };
export const cacheAside = async <T,>(kv: any, key: string, load: () => Promise<T | null>, ttlSeconds: number = 3600) => {
  const { value, metadata } = await kv.getWithMetadata(key, { type: 'json' });
  if (value !== null) return { value: value as T, cache: 'HIT' as const };
  const fresh = await load();
  if (fresh === null) return { value: null, cache: 'MISS' as const };
  const meta: Cached = { cached_at: Date.now() };
  await kv.put(key, JSON.stringify(fresh), { expiration: Math.floor(Date.now() / 1000) + ttlSeconds, metadata: meta });
  return { value: fresh, cache: 'MISS' as const };
};`;

const GET_CACHED_OR_FRESH_OTHER_STYLE = `
export const getCachedOrFresh = async <T,>(kv: any, key: string, fetcher: () => Promise<T>, opts: { ttlSeconds?: number; waitUntil: (p: Promise<unknown>) => void }) => {
  let cacheReadFailed = false;
  try {
    const hit = await kv.get(key, { type: 'json' });
    if (hit !== null) return { data: hit as T, source: 'cache' as const, cacheReadFailed };
  } catch {
    cacheReadFailed = true;
  }
  const data = await fetcher();
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
export const buildKey = (...parts: (string | number)[]) => parts.map(part).join(':');
export const versionedKey = (version: number, ...parts: (string | number)[]) => {
  if (!Number.isInteger(version) || version < 1) throw new Error('versions start at 1');
  return buildKey('v' + version, ...parts);
};
export const tenantKey = (tenant: string, ...parts: (string | number)[]) => buildKey('tenant', tenant, ...parts);`;

describe('solutions in other reasonable styles pass', () => {
  it.each([
    ['cache-aside', 'arrow function, options-object getWithMetadata, absolute expiration, types', CACHE_ASIDE_OTHER_STYLE],
    ['get-cached-or-fresh', "arrow function, get(key, { type: 'json' }), absolute expiration", GET_CACHED_OR_FRESH_OTHER_STYLE],
    ['key-builder', 'refusing a part with ":" instead of escaping it', KEY_BUILDER_REFUSES],
  ] as const)('%s: %s', async (slug, _style, code) => {
    const report = await run(slug, code);
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
  });
});

describe('classic bugs fail with a message that names them', () => {
  const cases: [ExerciseSlug, string, string, RegExp][] = [
    ['cache-aside', "kv.get(key) without 'json'", mutate('cache-aside', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']), /is the string .*read with kv\.get\(key, 'json'\)/],
    ['cache-aside', 'if (!cached): a cached 0 is a miss', mutate('cache-aside', ['if (cached !== null)', 'if (cached)']), /Compare with null, not falsiness/],
    ['get-cached-or-fresh', "kv.get(key) without 'json'", mutate('get-cached-or-fresh', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']), /is the string .*'json'/],
    ['get-cached-or-fresh', 'the response waits for the cache write', mutate('get-cached-or-fresh', ['  waitUntil(\n    kv\n', '  await Promise.resolve(\n    kv\n']), /waitUntil/],
    ['stale-while-revalidate', 'fire-and-forget refresh', mutate('stale-while-revalidate', ['waitUntil(refresh().catch(', 'void (refresh().catch(']), /not handed to waitUntil/],
    ['key-builder', 'a tenant id pasted in unescaped', mutate('key-builder', ['return encodeURIComponent(text);', 'return text;']), /Escape each part/],
    ['list-all-keys', 'stopping on an empty page', mutate('list-all-keys', ['if (page.list_complete) return names;', 'if (page.list_complete || page.keys.length === 0) return names;']), /list_complete/],
  ];
  it.each(cases)('%s: %s', async (slug, _bug, code, message) => {
    const report = await run(slug, code);
    expect(report.passed).toBe(false);
    const messages = report.checks.filter((c) => !c.passed).map((c) => c.message);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });
});
