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

  it('flush writes whatever is queued at once', async () => {
    queueDemoEvent(env.DB, 'events-b', { demo: 'swr', cache: 'STALE', totalMs: 3 }, () => {});
    await flushDemoEvents(env.DB);
    expect(await count('events-b')).toBe(1);
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
