import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getPostCacheAside } from '../../src/lib/demos/cache-aside';
import { resetLearner } from '../../src/lib/demos/reset';
import { scopeKv } from '../../src/lib/kv/scoped-kv';
import { learnerScope } from '../../src/lib/learner-scope';
import { cacheAside } from '../../src/lib/patterns/cache-aside';

const alice = learnerScope('alice_000000000000000000');
const bob = learnerScope('bob_00000000000000000000');

describe('cacheAside against real local KV and D1', () => {
  it('misses and reads D1 first, then hits without touching D1', async () => {
    const first = await getPostCacheAside(env, alice, 3);
    expect(first.cache).toBe('MISS');
    expect(first.data?.title).toBe('The real cost of a cold cache');
    expect(first.data?.stats.views).toBe(5000);
    expect(first.origin.rowsRead).toBeGreaterThanOrEqual(150_000);
    expect(first.timings).toHaveProperty('d1');

    const second = await getPostCacheAside(env, alice, 3);
    expect(second.cache).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(second.origin.queries).toBe(0);
    expect(second.timings).not.toHaveProperty('d1');
  });

  it('stores the value under the learner prefix with a TTL and cached_at metadata', async () => {
    const before = Date.now();
    await getPostCacheAside(env, alice, 5);

    const { keys } = await env.KV.list({ prefix: alice.kvPrefix });
    const entry = keys.find((k) => k.name === `${alice.kvPrefix}post:5`);
    expect(entry).toBeDefined();
    // list() reports expiration as absolute seconds: about an hour from now.
    const inSeconds = entry!.expiration! - before / 1000;
    expect(inSeconds).toBeGreaterThan(3590);
    expect(inSeconds).toBeLessThanOrEqual(3601);

    const { metadata } = await env.KV.getWithMetadata<{ cached_at: number }>(`${alice.kvPrefix}post:5`);
    expect(metadata?.cached_at).toBeGreaterThanOrEqual(before);
  });

  it('returns null and caches nothing for a post that does not exist', async () => {
    const result = await getPostCacheAside(env, alice, 999);
    expect(result.data).toBeNull();
    expect(await env.KV.get(`${alice.kvPrefix}post:999`)).toBeNull();
  });

  it('treats a cached falsy value as a hit, not a miss', async () => {
    const kv = scopeKv(env.KV, 'falsy-test:');
    await kv.put('zero', '0', { expirationTtl: 60 });
    let originCalls = 0;
    const result = await cacheAside(kv, 'zero', async () => {
      originCalls++;
      return 42;
    });
    expect(result).toEqual({ value: 0, cache: 'HIT' });
    expect(originCalls).toBe(0);
  });

  it('reset removes only that learner’s keys', async () => {
    await getPostCacheAside(env, alice, 9);
    await getPostCacheAside(env, bob, 9);
    const { removedKeys } = await resetLearner(env, alice);
    expect(removedKeys).toBeGreaterThan(0);
    expect((await env.KV.list({ prefix: alice.kvPrefix })).keys).toHaveLength(0);
    expect((await env.KV.list({ prefix: bob.kvPrefix })).keys.length).toBeGreaterThan(0);
  });
});

describe('scopeKv', () => {
  it('lists keys without the prefix and never sees keys outside it', async () => {
    await env.KV.put('outside:secret', 'x');
    const kv = scopeKv(env.KV, 'scope-test:');
    await kv.put('a:1', 'one');
    await kv.put('a:2', 'two');
    const page = await kv.list({ prefix: 'a:' });
    expect(page.keys.map((k) => k.name)).toEqual(['a:1', 'a:2']);
    expect((await kv.list()).keys.map((k) => k.name)).not.toContain('outside:secret');
    expect(await kv.get('outside:secret')).toBeNull();
  });
});
