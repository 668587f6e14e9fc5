import type { KvApi } from '../kv/scoped-kv';
import { loadPost, PAGE_VIEW_ROWS, type Post } from '../origin/posts';

/**
 * The room-wide thundering-herd demo. On the instructor's signal every participant fetches
 * the SAME cold key at once. Without coalescing, every request that misses goes to the
 * origin: N participants, up to N expensive origin loads at the same instant. With
 * coalescing, misses wait for one shared load (the room's Durable Object holds it), so the
 * origin sees one query however big the room is.
 */

/** A fresh key per run, so every run starts cold. Shared by the room, not per learner. */
export const herdKey = (code: string, run: number, postId: number) => `workshop:${code}:herd:${run}:post:${postId}`;

/** The origin identity of the herd: nobody's edits, the original post. */
const HERD_ORIGIN_LEARNER = 'workshop-herd';
export const HERD_TTL_SECONDS = 600;

/**
 * Load the post from D1 (its statistics from `scanRows` rows of page_views, ORIGIN_SCAN_ROWS)
 * and cache it; a refused write (429) still serves the value. Not gated per learner: the
 * instructor starts a run, and each participant fetches once.
 */
export async function loadAndCache(kv: KvApi, db: D1Database, key: string, postId: number, scanRows = PAGE_VIEW_ROWS): Promise<Post | null> {
  const post = await loadPost(db, HERD_ORIGIN_LEARNER, postId, undefined, { rows: scanRows });
  if (post) {
    try {
      await kv.put(key, JSON.stringify(post), { expirationTtl: HERD_TTL_SECONDS });
    } catch (error) {
      // In production a herd writing one key trips KV's 1-write-per-second limit: part of the lesson.
      console.warn('Herd cache write refused:', String(error));
    }
  }
  return post;
}

export async function startHerdRun(db: D1Database, code: string, coalesced: boolean, now = Date.now()) {
  const row = await db
    .prepare(`UPDATE workshops SET herd_run = herd_run + 1 WHERE code = ?1 RETURNING herd_run`)
    .bind(code)
    .first<{ herd_run: number }>();
  const run = row!.herd_run;
  const postId = ((run - 1) % 30) + 1;
  await db
    .prepare(`INSERT INTO workshop_herd_runs (workshop_code, run, coalesced, post_id, started_at) VALUES (?1, ?2, ?3, ?4, ?5)`)
    .bind(code, run, coalesced ? 1 : 0, postId, now)
    .run();
  return { run, postId, coalesced };
}

/** A run never changes once started, so each isolate keeps the ones it has read. */
const knownRuns = new Map<string, { run: number; coalesced: boolean; postId: number }>();

export async function getHerdRun(db: D1Database, code: string, run: number) {
  const known = knownRuns.get(`${code}:${run}`);
  if (known) return known;
  const row = await db
    .prepare(`SELECT coalesced, post_id FROM workshop_herd_runs WHERE workshop_code = ?1 AND run = ?2`)
    .bind(code, run)
    .first<{ coalesced: number; post_id: number }>();
  if (!row) return null;
  if (knownRuns.size > 1000) knownRuns.clear();
  const found = { run, coalesced: row.coalesced === 1, postId: row.post_id };
  knownRuns.set(`${code}:${run}`, found);
  return found;
}

interface HerdCount {
  code: string;
  run: number;
  requests: number;
  kvMisses: number;
  originLoads: number;
}

/** Counts of this isolate's herd requests not yet written, one entry per run. */
const pendingCounts = new Map<string, HerdCount>();
const COUNT_FLUSH_MS = 200;

/**
 * Count one request of a run; origin loads are counted where they happen. A herd is a whole
 * room arriving at once: rather than one UPDATE per request, the requests of the next 200 ms
 * are summed and written together (handed to `waitUntil`), then `afterWrite` runs, so the
 * console refreshes with the new totals.
 */
export function queueHerdCount(
  db: D1Database,
  { code, run, miss, originLoads }: { code: string; run: number; miss: boolean; originLoads: number },
  waitUntil: (promise: Promise<unknown>) => void,
  afterWrite: () => Promise<unknown>,
): void {
  const key = `${code}:${run}`;
  const queued = pendingCounts.get(key);
  if (queued) {
    queued.requests++;
    queued.kvMisses += miss ? 1 : 0;
    queued.originLoads += originLoads;
    return;
  }
  pendingCounts.set(key, { code, run, requests: 1, kvMisses: miss ? 1 : 0, originLoads });
  const flush = async () => {
    const count = pendingCounts.get(key)!;
    pendingCounts.delete(key);
    await db
      .prepare(
        `UPDATE workshop_herd_runs SET requests = requests + ?3, kv_misses = kv_misses + ?4, origin_loads = origin_loads + ?5
          WHERE workshop_code = ?1 AND run = ?2`,
      )
      .bind(count.code, count.run, count.requests, count.kvMisses, count.originLoads)
      .run();
    await afterWrite();
  };
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, COUNT_FLUSH_MS))
      .then(flush)
      .catch((error) => console.error('Could not record herd requests:', error)),
  );
}
