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
    'The refresh goes through waitUntil and updates KV': mutate('stale-while-revalidate', ['waitUntil(refresh());', 'void refresh();']),
  },
  'key-builder': {
    'buildKey joins the parts with ":", broadest first': mutate('key-builder', ['.join(SEPARATOR);', ".join('/');"], ["return buildKey(`v${version}`, ...parts);", "return [`v${version}`, ...parts].join(':');"], ["return buildKey('tenant', tenantId, ...parts);", "return ['tenant', tenantId, ...parts].join(':');"]),
    'buildKey refuses an empty part': mutate('key-builder', ["if (text === '') throw", "if (text === '\\u0000') throw"]),
    'versionedKey puts v<version> in front': mutate('key-builder', ['return buildKey(`v${version}`, ...parts);', 'return `v${version}` + buildKey(...parts);']),
    'versionedKey refuses a version that is not a whole number from 1': mutate('key-builder', ['if (!Number.isInteger(version) || version < 1) throw', 'if (Number.isNaN(version)) throw']),
    'tenantKey keeps tenants apart in KV': mutate('key-builder', ["return buildKey('tenant', tenantId, ...parts);", 'return buildKey(tenantId, ...parts);']),
  },
  'ttl-until-midnight': {
    'Counts the seconds to the next midnight UTC': mutate('ttl-until-midnight', ['Math.ceil((midnight - now.getTime()) / 1000)', '(23 - now.getUTCHours()) * 3600 + (60 - now.getUTCMinutes()) * 60']),
    'Whole seconds, never short of midnight': mutate('ttl-until-midnight', ['Math.ceil(', 'Math.floor(']),
    "Never below KV's 60-second minimum": mutate('ttl-until-midnight', ['Math.max(KV_MIN_TTL_SECONDS, ', '(']),
    'Uses the current time by default, and KV accepts the result': mutate('ttl-until-midnight', ['now = new Date()', 'now = new Date(0)']),
  },
  'get-cached-or-fresh': {
    'A cold read comes from the origin and is cached with a TTL': mutate('get-cached-or-fresh', ['expirationTtl: ttlSeconds,', '']),
    'The next read comes from the cache': mutate('get-cached-or-fresh', ["kv.get<T>(key, 'json')", 'kv.get(key) as any']),
    'A KV read failure still returns the data': mutate('get-cached-or-fresh', ["const cached = await kv.get<T>(key, 'json');", "const cached = await kv.get<T>(key, 'json').catch((e) => { throw e; });\n    if (cached === undefined) cacheReadFailed = true;"], ['cacheReadFailed = true;\n    console.error', 'throw error;\n    console.error']),
    'A KV write failure still returns the data': mutate('get-cached-or-fresh', ['cacheWriteFailed = true;\n    console.error', 'throw error;\n    console.error']),
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
