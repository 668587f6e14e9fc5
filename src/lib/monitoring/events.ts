import type { CacheStatus } from '../observe';

/** One demo request as monitoring sees it. */
export interface DemoEvent {
  demo: string;
  cache: CacheStatus;
  totalMs: number;
}

/**
 * A whole batch in one statement: the rows travel as one JSON array bound to ?1 and SQLite's
 * json_each unpacks them. One statement instead of one per row is much less work for D1 (and
 * for the local simulator, which checks every statement), and a JSON parameter has no
 * 100-bound-parameters limit to split around.
 */
const INSERT_EVENTS = `INSERT INTO demo_events (learner_id, demo, cache, total_ms, at)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?1)`;

/** Events waiting to be written, in this isolate. */
const pending: { learnerId: string; event: DemoEvent; at: number }[] = [];
let flushScheduled = false;
const FLUSH_AFTER_MS = 1000;
const FLUSH_AT_COUNT = 50;

/**
 * Queue a demo request for monitoring. Writing one D1 row per request added ~10 ms to every
 * demo answer (measured by `npm run bench`), so events are written in batches: at most a second
 * later, or as soon as 50 are waiting. The write is handed to `waitUntil`, which the runtime
 * lets finish after the response; a failed write is logged and never fails a request.
 */
export function queueDemoEvent(
  db: D1Database,
  learnerId: string,
  event: DemoEvent,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  pending.push({ learnerId, event, at: Date.now() });
  if (pending.length >= FLUSH_AT_COUNT) {
    waitUntil(flushDemoEvents(db));
  } else if (!flushScheduled) {
    flushScheduled = true;
    waitUntil(new Promise((resolve) => setTimeout(resolve, FLUSH_AFTER_MS)).then(() => flushDemoEvents(db)));
  }
}

/** Write every queued event now. Readers of demo_events call it first to see the latest. */
export async function flushDemoEvents(db: D1Database): Promise<void> {
  flushScheduled = false;
  const batch = pending.splice(0);
  if (batch.length === 0) return;
  try {
    const rows = batch.map(({ learnerId, event, at }) => [learnerId, event.demo, event.cache, event.totalMs, at]);
    await db.prepare(INSERT_EVENTS).bind(JSON.stringify(rows)).run();
  } catch (error) {
    console.error(`Could not record ${batch.length} demo events:`, error);
  }
}
