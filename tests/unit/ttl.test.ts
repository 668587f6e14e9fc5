import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cacheWithTtl, listTtlKeys, readTtlKey, TTL_CHOICES, ttlChoice } from '../../src/lib/demos/ttl';
import { learnerScope } from '../../src/lib/learner-scope';
import { secondsUntilMidnightUtc } from '../../src/lib/patterns/ttl';

const alice = learnerScope('alice_ttl_00000000000000');
const bob = learnerScope('bob_ttl_0000000000000000');

describe('TTL presets', () => {
  it('offer the four fixed presets and one computed until midnight UTC', () => {
    expect(TTL_CHOICES.map((c) => c.id)).toEqual(['site-config', 'static-page', 'session', 'recent-posts', 'daily-stats']);
    expect(ttlChoice('site-config')?.ttlSeconds()).toBe(86_400);
    expect(ttlChoice('recent-posts')?.ttlSeconds()).toBe(300);
    const untilMidnight = ttlChoice('daily-stats')!.ttlSeconds();
    expect(untilMidnight).toBeGreaterThanOrEqual(60);
    expect(untilMidnight).toBeLessThanOrEqual(86_400);
  });

  it('midnight UTC is computed from the given moment and never below KV’s minimum', () => {
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T23:00:00Z'))).toBe(3600);
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T23:59:30Z'))).toBe(60);
    expect(secondsUntilMidnightUtc(new Date('2026-03-01T00:00:00Z'))).toBe(86_400);
  });
});

describe('TTL demo against real KV', () => {
  it('list() reports the relative TTL as an absolute expiration', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await cacheWithTtl(env, alice, 'session', 1800);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.key).toBe('ttl:session');
    expect(result.expiration).toBeGreaterThanOrEqual(before + 1800);
    expect(result.expiration).toBeLessThanOrEqual(before + 1802);
  });

  it('a TTL under 60 s reaches KV and comes back refused, in KV’s own words', async () => {
    const result = await cacheWithTtl(env, alice, 'custom', 30);
    expect(result).toMatchObject({ ok: false, ttlSeconds: 30 });
    if (result.ok) return;
    expect(result.kvMessage).toMatch(/expiration_ttl|60/i);
    expect((await readTtlKey(env, alice, 'custom')).cache).toBe('MISS');
  });

  it('lists the learner’s live TTL keys and reads them as HITs', async () => {
    await cacheWithTtl(env, alice, 'site-config', 86_400);
    const listing = await listTtlKeys(env, alice);
    const names = listing.data.keys.map((k) => k.name);
    expect(names).toEqual(expect.arrayContaining(['ttl:session', 'ttl:site-config']));
    expect(listing.data.keys.find((k) => k.name === 'ttl:site-config')?.ttl).toBe(86_400);
    const read = await readTtlKey(env, alice, 'site-config');
    expect(read).toMatchObject({ cache: 'HIT', key: 'ttl:site-config' });
    expect((await listTtlKeys(env, bob)).data.keys).toEqual([]);
  });
});
