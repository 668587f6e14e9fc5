import type { LearnerScope } from '../learner-scope';
import { flushDemoEvents } from '../monitoring/events';
import { summarize, type EventRow } from '../monitoring/stats';
import { Meter } from '../observe';
import type { DemoBindings } from './cache-aside';

/** The dashboard looks at a learner's most recent requests; older ones stay in the table. */
export const EVENT_WINDOW = 5000;

// Newest first, so the window keeps the latest requests; the index on (learner_id, at) serves it.
const SELECT_EVENTS = `
  SELECT demo, cache, total_ms
    FROM demo_events
   WHERE learner_id = ?1
   ORDER BY at DESC
   LIMIT ?2`;

const DELETE_EVENTS = `DELETE FROM demo_events WHERE learner_id = ?1`;

/**
 * The learner's hit/miss counts, hit rate and latency distribution across every demo, from
 * the events each demo request recorded in D1. Counted in D1, not KV: KV has no atomic
 * increment, so a counter kept there by read-modify-write would lose updates.
 */
export async function learnerStats(env: Pick<DemoBindings, 'DB'>, learner: LearnerScope) {
  const meter = new Meter();
  // Events are written in batches after their responses; write what this isolate still holds.
  await meter.time('d1', () => flushDemoEvents(env.DB));
  const result = await meter.time('d1', () =>
    env.DB.prepare(SELECT_EVENTS).bind(learner.id, EVENT_WINDOW).run<EventRow>(),
  );
  return {
    data: summarize(result.results),
    window: EVENT_WINDOW,
    origin: { queries: 1, rowsRead: result.meta.rows_read ?? 0 },
    timings: meter.timings(),
  };
}

/** The JSON of GET /api/demos/monitoring/stats. */
export type MonitoringStatsAnswer = Awaited<ReturnType<typeof learnerStats>>;

/** Start the statistics over: delete this learner's recorded events, nobody else's. */
export async function clearLearnerStats(env: Pick<DemoBindings, 'DB'>, learner: LearnerScope) {
  const meter = new Meter();
  await meter.time('d1', () => flushDemoEvents(env.DB));
  const result = await meter.time('d1', () => env.DB.prepare(DELETE_EVENTS).bind(learner.id).run());
  return { data: { removedEvents: result.meta.changes ?? 0 }, timings: meter.timings() };
}
