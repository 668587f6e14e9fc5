import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { flushDemoEvents, queueDemoEvent } from '../../src/lib/monitoring/events';

const count = async (learner: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM demo_events WHERE learner_id = ?1').bind(learner).first<{ n: number }>())!.n;

describe('demo events', () => {
  it('are written in one batch, through waitUntil, and none is lost', async () => {
    const handed: Promise<unknown>[] = [];
    for (let i = 0; i < 7; i++) {
      queueDemoEvent(env.DB, 'events-a', { demo: 'cache-aside', cache: i % 2 ? 'HIT' : 'MISS', totalMs: i }, (p) => void handed.push(p));
    }
    // Queued, not yet written; one delayed flush was handed to waitUntil.
    expect(await count('events-a')).toBe(0);
    expect(handed).toHaveLength(1);
    await Promise.all(handed);
    expect(await count('events-a')).toBe(7);
  });

  it('flush writes whatever is queued at once, each field as it was given', async () => {
    const before = Date.now();
    queueDemoEvent(env.DB, 'events-b', { demo: 'swr', cache: 'STALE', totalMs: 3.25 }, () => {});
    queueDemoEvent(env.DB, "events-b'); DROP TABLE demo_events; --", { demo: 'x', cache: 'HIT', totalMs: 0 }, () => {});
    await flushDemoEvents(env.DB);
    expect(await count('events-b')).toBe(1);
    const row = await env.DB.prepare('SELECT demo, cache, total_ms, at, typeof(at) AS atType FROM demo_events WHERE learner_id = ?1')
      .bind('events-b')
      .first<{ demo: string; cache: string; total_ms: number; at: number; atType: string }>();
    expect(row).toMatchObject({ demo: 'swr', cache: 'STALE', total_ms: 3.25, atType: 'integer' });
    expect(row!.at).toBeGreaterThanOrEqual(before);
    // Ids travel as JSON data, never as SQL.
    expect(await count("events-b'); DROP TABLE demo_events; --")).toBe(1);
  });

  it('a full queue flushes without waiting for the timer', async () => {
    await flushDemoEvents(env.DB);
    const handed: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) queueDemoEvent(env.DB, 'events-c', { demo: 'x', cache: 'HIT', totalMs: 1 }, (p) => void handed.push(p));
    await handed[handed.length - 1];
    expect(await count('events-c')).toBe(50);
    await Promise.all(handed);
  });
});
