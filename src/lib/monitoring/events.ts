import type { CacheStatus } from '../observe';

/** One demo request as monitoring sees it. */
export interface DemoEvent {
  demo: string;
  cache: CacheStatus;
  totalMs: number;
}

const INSERT_EVENT = `INSERT INTO demo_events (learner_id, demo, cache, total_ms, at) VALUES (?1, ?2, ?3, ?4, ?5)`;

/**
 * Record a demo request. Callers hand the promise to `ctx.waitUntil` so the learner's
 * response never waits for this write, and a failed write never fails the request.
 */
export async function recordDemoEvent(db: D1Database, learnerId: string, event: DemoEvent): Promise<void> {
  try {
    await db
      .prepare(INSERT_EVENT)
      .bind(learnerId, event.demo, event.cache, event.totalMs, Date.now())
      .run();
  } catch (error) {
    console.error('Could not record a demo event:', error);
  }
}
