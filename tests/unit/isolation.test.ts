import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signIn, viewProfile } from '../../src/lib/demos/anti-patterns';
import { getPostCacheAside } from '../../src/lib/demos/cache-aside';
import { listByPrefix, readTenantConfig, readTenantPost, saveTenantConfig } from '../../src/lib/demos/key-design';
import { learnerStats } from '../../src/lib/demos/monitoring';
import { playgroundGet, playgroundList, playgroundPut } from '../../src/lib/demos/playground';
import { cacheWithTtl, listTtlKeys } from '../../src/lib/demos/ttl';
import { editPost, readOrigin } from '../../src/lib/demos/write-through';
import { learnerScope, type LearnerScope } from '../../src/lib/learner-scope';
import { flushDemoEvents, queueDemoEvent } from '../../src/lib/monitoring/events';

// One learner's demos must never show in another's: the KV keys, the origin edits and the
// recorded requests all live under the learner. Each row: what alice does, and what bob then
// sees — which must be what a learner who never met alice sees.

/** A learner of their own for each row: looking is a demo too (a read caches). */
const someone = (name: string) => learnerScope(`${name}_${crypto.randomUUID().slice(0, 16)}`);

const ISOLATION: { demo: string; act: (me: LearnerScope) => Promise<unknown>; seen: (me: LearnerScope) => Promise<unknown> }[] = [
  {
    demo: 'cache-aside: a cached post',
    act: (me) => getPostCacheAside(env, me, 7),
    seen: async (me) => (await getPostCacheAside(env, me, 7)).cache,
  },
  {
    demo: 'write-through: an edited post in the origin',
    act: (me) => editPost(env, me, 8, { title: 'Only alice edited this' }, 'write-through'),
    seen: async (me) => (await readOrigin(env, me, 8)).data?.title,
  },
  {
    demo: 'key design: a tenant post and the learner’s key listing',
    act: (me) => readTenantPost(env, me, 'initech', 4),
    seen: async (me) => (await listByPrefix(env, me, 'tenant:')).data.keys.map((k) => k.name),
  },
  {
    demo: 'key design: an un-namespaced config key',
    act: (me) => saveTenantConfig(env, me, 'acme', 'dark', false),
    seen: async (me) => (await readTenantConfig(env, me, 'globex', false)).data,
  },
  {
    demo: 'anti-patterns: the global current-user key',
    act: (me) => signIn(env, me, 'alice', false),
    seen: async (me) => (await viewProfile(env, me, 'bob', false)).data,
  },
  {
    demo: 'TTL strategies: keys with expirations',
    act: (me) => cacheWithTtl(env, me, 'session', 1800),
    seen: async (me) => (await listTtlKeys(env, me)).data.keys.length,
  },
  {
    demo: 'operations playground: a key put by hand',
    act: (me) => playgroundPut(env.KV, me, 'mine', { value: 'secret' }),
    seen: async (me) => [await playgroundGet(env.KV, me, 'mine', {}), (await playgroundList(env.KV, me, { prefix: '' })) as unknown],
  },
  {
    demo: 'monitoring: recorded demo requests',
    act: async (me) => {
      queueDemoEvent(env.DB, me.id, { demo: 'cache-aside', cache: 'HIT', totalMs: 2 }, () => {});
      await flushDemoEvents(env.DB);
    },
    seen: async (me) => (await learnerStats(env, me)).data.requests,
  },
];

describe('learners never see each other’s demos', () => {
  it.each(ISOLATION)('$demo', async ({ act, seen }) => {
    const [alice, bob, carol] = [someone('alice'), someone('bob'), someone('carol')];
    // What bob sees after alice acted must be what carol, who never met alice, sees.
    const before = await seen(carol);
    await act(alice);
    const afterForBob = await seen(bob);
    expect(JSON.stringify(afterForBob, (k, v) => (k === 'timings' || k === 'now' ? undefined : v))).toBe(
      JSON.stringify(before, (k, v) => (k === 'timings' || k === 'now' ? undefined : v)),
    );
    // And alice's own view did change: the row tests something.
    expect(JSON.stringify(await seen(alice))).not.toBe(JSON.stringify(before));
  });
});
