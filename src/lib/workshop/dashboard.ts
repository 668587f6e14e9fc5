import { flushDemoEvents } from '../monitoring/events';
import { hitRate } from '../monitoring/stats';
import { listParticipants, type Participant, type Workshop } from './records';

/**
 * What the instructor's console shows, computed from D1 in one batch. The room's Durable
 * Object pushes this to connected consoles; `GET …/dashboard` answers the same shape.
 */

export interface ParticipantView {
  id: string;
  name: string;
  online: boolean;
  lesson: string | null;
  section: string | null;
  done: number;
  exercisesPassed: string[];
  joinedAt: number;
  lastSeenAt: number;
  /** Latest of: progress in a lesson, a passed exercise, joining. */
  lastProgressAt: number;
  stuck: boolean;
}

export interface RoomStats {
  /** Since the workshop started. */
  requests: number;
  byCache: Record<string, number>;
  /** As the monitoring lesson defines it (src/lib/monitoring/stats.ts hitRate). */
  hitRate: number | null;
  /** The last minute: throughput and latency as measured in the Worker. */
  recent: { requests: number; perSecond: number; p50: number | null; p95: number | null; hitRate: number | null };
}

/** How many answered each question; the words are in the debrief (src/lib/workshop/debrief.ts). */
export interface AnswerCount {
  kind: 'predict' | 'reflect';
  id: string;
  total: number;
}

export interface PropagationView {
  round: number;
  writtenAt: number | null;
  simulated: boolean;
  seen: number;
  byLocation: { colo: string; count: number; minMs: number; medianMs: number; maxMs: number }[];
}

export interface HerdRun {
  run: number;
  coalesced: boolean;
  postId: number;
  startedAt: number;
  requests: number;
  kvMisses: number;
  originLoads: number;
}

export interface Dashboard {
  workshop: Workshop;
  participants: ParticipantView[];
  online: number;
  stuckMinutes: number;
  room: RoomStats;
  answers: AnswerCount[];
  propagation: PropagationView | null;
  herd: HerdRun[];
  generatedAt: number;
}

const RECENT_MS = 60_000;

/**
 * The room's demo requests by cache status since the workshop started, counted up to one
 * demo_events id. A console is refreshed every second or two for hours while the room adds
 * hundreds of events a second, so the room's Durable Object keeps this tally and each refresh
 * counts only the events written since (ids only grow), not the whole workshop again.
 */
export interface RoomTally {
  upToId: number;
  byCache: Record<string, number>;
}

const MAX_EVENT_ID = `SELECT COALESCE(MAX(id), 0) AS id FROM demo_events`;

// Everything so far: the room's participants first, then each one's events by index.
// `id <=` the same MAX(id) as MAX_EVENT_ID: statements of one batch see one snapshot.
const ROOM_BY_CACHE = `
  SELECT e.cache AS cache, COUNT(*) AS n
    FROM workshop_participants p
    JOIN demo_events e ON e.learner_id = p.learner_id AND e.at >= ?2
   WHERE p.workshop_code = ?1 AND e.id <= (SELECT MAX(id) FROM demo_events)
   GROUP BY e.cache`;

// Only what is new since the last count: CROSS JOIN makes SQLite walk the new events by id
// and look each learner up, rather than walk every participant's whole history.
const ROOM_BY_CACHE_SINCE = `
  SELECT e.cache AS cache, COUNT(*) AS n
    FROM demo_events e CROSS JOIN workshop_participants p
   WHERE e.id > ?3 AND e.id <= (SELECT MAX(id) FROM demo_events) AND e.at >= ?2
     AND p.learner_id = e.learner_id AND p.workshop_code = ?1
   GROUP BY e.cache`;

// The last minute as a latency histogram in whole milliseconds: a few hundred rows at most,
// where sorting every request of a busy minute took D1 about 50 ms per refresh.
const ROOM_RECENT = `
  SELECT CAST(e.total_ms AS INTEGER) AS ms, COUNT(*) AS n,
         SUM(e.cache = 'HIT') AS hits, SUM(e.cache = 'STALE') AS stale, SUM(e.cache = 'MISS') AS misses
    FROM workshop_participants p
    JOIN demo_events e ON e.learner_id = p.learner_id AND e.at >= ?2
   WHERE p.workshop_code = ?1
   GROUP BY ms
   ORDER BY ms`;

const ANSWERS = `
  SELECT kind, question_id AS id, COUNT(*) AS total
    FROM workshop_answers WHERE workshop_code = ?1
   GROUP BY kind, question_id
   ORDER BY kind, question_id`;

const PROPAGATION = `
  SELECT colo, simulated, visible_ms AS ms FROM workshop_propagation
   WHERE workshop_code = ?1 AND round = ?2 ORDER BY colo, visible_ms`;

const HERD = `SELECT * FROM workshop_herd_runs WHERE workshop_code = ?1 ORDER BY run DESC LIMIT 6`;

// exercise_results is written by every check run (migration 0006); read only here.
const EXERCISES_PASSED = `
  SELECT r.learner_id AS learner_id, r.slug AS slug, MAX(r.checked_at) AS at
    FROM workshop_participants p
    JOIN exercise_results r ON r.learner_id = p.learner_id AND r.passed = 1
   WHERE p.workshop_code = ?1
   GROUP BY r.learner_id, r.slug`;

/** Passed exercises per learner. */
async function exercisesPassed(db: D1Database, code: string): Promise<Map<string, { slugs: string[]; lastAt: number }>> {
  const out = new Map<string, { slugs: string[]; lastAt: number }>();
  const { results } = await db.prepare(EXERCISES_PASSED).bind(code).run<{ learner_id: string; slug: string; at: number }>();
  for (const row of results) {
    const entry = out.get(row.learner_id) ?? { slugs: [], lastAt: 0 };
    entry.slugs.push(row.slug);
    entry.lastAt = Math.max(entry.lastAt, row.at);
    out.set(row.learner_id, entry);
  }
  return out;
}

/**
 * `tally`, when given, is the room's running count from the previous call: only newer events
 * are counted, and the tally is advanced in place for the next call.
 */
export async function loadDashboard(
  db: D1Database,
  workshop: Workshop,
  online: ReadonlySet<string>,
  { now = Date.now(), stuckMinutes = 5, tally }: { now?: number; stuckMinutes?: number; tally?: RoomTally } = {},
): Promise<Dashboard> {
  // Demo events are written in batches after their responses: write what this isolate holds.
  await flushDemoEvents(db);
  const code = workshop.code;
  const counted = tally && tally.upToId > 0 ? tally : null;
  const [maxIdRes, byCacheRes, recentRes, answersRes, propagationRes, herdRes] = await db.batch<Record<string, unknown>>([
    db.prepare(MAX_EVENT_ID),
    counted
      ? db.prepare(ROOM_BY_CACHE_SINCE).bind(code, workshop.createdAt, counted.upToId)
      : db.prepare(ROOM_BY_CACHE).bind(code, workshop.createdAt),
    db.prepare(ROOM_RECENT).bind(code, now - RECENT_MS),
    db.prepare(ANSWERS).bind(code),
    db.prepare(PROPAGATION).bind(code, workshop.propagationRound),
    db.prepare(HERD).bind(code),
  ]);
  const [participants, passed] = await Promise.all([listParticipants(db, code), exercisesPassed(db, code)]);

  const stuckMs = stuckMinutes * 60_000;
  const views = participants.map((p: Participant): ParticipantView => {
    const ex = passed.get(p.learnerId);
    const lastProgressAt = Math.max(p.lastProgressAt, ex?.lastAt ?? 0);
    const isOnline = online.has(p.id);
    return {
      id: p.id,
      name: p.name,
      online: isOnline,
      lesson: p.lesson,
      section: p.section,
      done: p.done.length,
      exercisesPassed: ex?.slugs.sort() ?? [],
      joinedAt: p.joinedAt,
      lastSeenAt: p.lastSeenAt,
      lastProgressAt,
      // Someone who is not here is absent, not stuck.
      stuck: isOnline && workshop.endedAt === null && now - lastProgressAt > stuckMs,
    };
  });

  const byCache: Record<string, number> = { ...counted?.byCache };
  for (const row of byCacheRes.results as { cache: string; n: number }[]) byCache[row.cache] = (byCache[row.cache] ?? 0) + row.n;
  if (tally) {
    tally.upToId = (maxIdRes.results[0] as { id: number }).id;
    tally.byCache = byCache;
  }
  const requests = Object.values(byCache).reduce((a, b) => a + b, 0);
  const latency = recentRes.results as { ms: number; n: number; hits: number; stale: number; misses: number }[];
  const recentN = latency.reduce((sum, b) => sum + b.n, 0);
  const sum = (field: 'hits' | 'stale' | 'misses') => latency.reduce((total, b) => total + b[field], 0);

  return {
    workshop,
    participants: views,
    online: views.filter((v) => v.online).length,
    stuckMinutes,
    room: {
      requests,
      byCache,
      hitRate: hitRate(byCache),
      recent: {
        requests: recentN,
        perSecond: Math.round((recentN / (RECENT_MS / 1000)) * 10) / 10,
        p50: percentile(latency, recentN, 0.5),
        p95: percentile(latency, recentN, 0.95),
        hitRate: hitRate({ HIT: sum('hits'), STALE: sum('stale'), MISS: sum('misses') }),
      },
    },
    answers: answersRes.results as unknown as AnswerCount[],
    propagation: propagationView(workshop, propagationRes.results as { colo: string; simulated: number; ms: number }[]),
    herd: (herdRes.results as Record<string, number>[]).map((r) => ({
      run: r.run,
      coalesced: r.coalesced === 1,
      postId: r.post_id,
      startedAt: r.started_at,
      requests: r.requests,
      kvMisses: r.kv_misses,
      originLoads: r.origin_loads,
    })),
    generatedAt: now,
  };
}

function propagationView(workshop: Workshop, rows: { colo: string; simulated: number; ms: number }[]): PropagationView | null {
  if (workshop.propagationRound === 0) return null;
  const byColo = new Map<string, number[]>();
  for (const row of rows) byColo.set(row.colo, [...(byColo.get(row.colo) ?? []), row.ms]);
  return {
    round: workshop.propagationRound,
    writtenAt: workshop.propagationWrittenAt,
    simulated: rows.some((r) => r.simulated === 1),
    seen: rows.length,
    byLocation: [...byColo].map(([colo, ms]) => ({
      colo,
      count: ms.length,
      minMs: ms[0],
      medianMs: ms[Math.floor((ms.length - 1) / 2)],
      maxMs: ms[ms.length - 1],
    })),
  };
}

/** The smallest bucket at or above the q-th share of `total` requests (buckets in order). */
function percentile(buckets: { ms: number; n: number }[], total: number, q: number): number | null {
  let seen = 0;
  for (const bucket of buckets) {
    seen += bucket.n;
    if (seen >= q * total) return bucket.ms;
  }
  return null;
}
