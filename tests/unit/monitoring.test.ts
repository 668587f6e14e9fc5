import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getPostCacheAside } from '../../src/lib/demos/cache-aside';
import { clearLearnerStats, learnerStats } from '../../src/lib/demos/monitoring';
import { learnerScope } from '../../src/lib/learner-scope';
import { queueDemoEvent } from '../../src/lib/monitoring/events';

/** Queue an event the way a demo response does; the stats reader flushes the queue. */
const recordDemoEvent = async (db: D1Database, learnerId: string, event: Parameters<typeof queueDemoEvent>[2]) =>
  queueDemoEvent(db, learnerId, event, () => {});
import { BUCKET_BOUNDS_MS, histogram, hitRate, percentile, summarize } from '../../src/lib/monitoring/stats';

const alice = learnerScope('alice_mon_00000000000000');
const bob = learnerScope('bob_mon_0000000000000000');

describe('statistics (pure)', () => {
  it('percentiles are nearest-rank: always a measured value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('histogram buckets are upper-inclusive, with an overflow bucket', () => {
    const counts = histogram([0.4, 1, 1.5, 3, 999, 1000, 5000]);
    expect(counts).toHaveLength(BUCKET_BOUNDS_MS.length + 1);
    expect(counts[0]).toBe(2); // ≤ 1 ms
    expect(counts[1]).toBe(1); // ≤ 2 ms
    expect(counts[2]).toBe(1); // ≤ 5 ms
    expect(counts.at(-2)).toBe(2); // ≤ 1000 ms
    expect(counts.at(-1)).toBe(1); // > 1000 ms
  });

  it('hit rate counts STALE as served from cache and ignores BYPASS and ERROR', () => {
    expect(hitRate({ HIT: 6, STALE: 2, MISS: 2, BYPASS: 5, ERROR: 1 })).toBe(0.8);
    expect(hitRate({ HIT: 0, STALE: 0, MISS: 0, BYPASS: 3, ERROR: 0 })).toBeNull();
  });

  it('summarises overall, per cache status and per demo', () => {
    const summary = summarize([
      { demo: 'cache-aside', cache: 'MISS', total_ms: 120 },
      { demo: 'cache-aside', cache: 'HIT', total_ms: 1 },
      { demo: 'cache-aside', cache: 'HIT', total_ms: 2 },
      { demo: 'ttl', cache: 'HIT', total_ms: 1 },
    ]);
    expect(summary.requests).toBe(4);
    expect(summary.hitRate).toBe(0.75);
    expect(summary.byStatus.HIT).toMatchObject({ count: 3, p50: 1, p95: 2 });
    expect(summary.byStatus.MISS).toMatchObject({ count: 1, p50: 120 });
    expect(summary.byDemo.map((d) => [d.demo, d.counts.HIT, d.counts.MISS])).toEqual([
      ['cache-aside', 2, 1],
      ['ttl', 1, 0],
    ]);
  });
});

describe('monitoring against real D1', () => {
  it('reads back the learner’s recorded demo requests, and only theirs', async () => {
    for (const id of [1, 1, 1, 2]) {
      const result = await getPostCacheAside(env, alice, id);
      await recordDemoEvent(env.DB, alice.id, { demo: 'cache-aside', cache: result.cache, totalMs: result.timings.total });
    }
    await recordDemoEvent(env.DB, bob.id, { demo: 'ttl', cache: 'MISS', totalMs: 3 });

    const stats = await learnerStats(env, alice);
    expect(stats.data.requests).toBe(4);
    expect(stats.data.counts).toMatchObject({ HIT: 2, MISS: 2 });
    expect(stats.data.hitRate).toBe(0.5);
    expect(stats.data.byDemo.map((d) => d.demo)).toEqual(['cache-aside']);
    expect(stats.timings).toHaveProperty('d1');

    expect((await clearLearnerStats(env, alice)).data.removedEvents).toBe(4);
    expect((await learnerStats(env, alice)).data.requests).toBe(0);
    expect((await learnerStats(env, bob)).data.requests).toBe(1);
  });
});
