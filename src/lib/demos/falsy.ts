import { scopeKv, type KvApi } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { newOriginCost, type OriginCost } from '../origin/posts';
import { cacheAside } from '../patterns/cache-aside';
import type { DemoBindings } from './cache-aside';

/**
 * The falsy-value pitfall. The cached number here is "posts you have deleted", which is 0
 * until you delete one — a perfectly good value that `if (!cached)` mistakes for a miss.
 */

const DELETED_COUNT = `SELECT COUNT(*) AS n FROM post_edits WHERE learner_id = ?1 AND deleted = 1`;

async function countDeleted(db: D1Database, learnerId: string, cost: OriginCost): Promise<number> {
  const result = await db.prepare(DELETED_COUNT).bind(learnerId).run<{ n: number }>();
  cost.queries += 1;
  cost.rowsRead += result.meta.rows_read ?? 0;
  return result.results[0]?.n ?? 0;
}

/** WRONG on purpose: the truthiness check the lesson warns about. Never copy this one. */
async function cacheAsideTruthy<T>(kv: KvApi, key: string, load: () => Promise<T>) {
  const cached = await kv.get<T>(key, 'json');
  if (cached) return { value: cached, cache: 'HIT' as const }; // 0, false and "" fall through
  const fresh = await load();
  await kv.put(key, JSON.stringify(fresh), { expirationTtl: 3600 });
  return { value: fresh, cache: 'MISS' as const };
}

/** Read the count with the buggy `if (!cached)` check or the correct `!== null` one. */
export async function readDeletedCount(env: DemoBindings, learner: LearnerScope, check: 'truthy' | 'null') {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const origin = newOriginCost();
  const load = () => meter.time('d1', () => countDeleted(env.DB, learner.id, origin));
  const key = `stats:deleted-count:${check}`;
  const { value, cache } = check === 'truthy' ? await cacheAsideTruthy(kv, key, load) : await cacheAside(kv, key, load);
  return { check, cache, key, data: value, origin, timings: meter.timings() };
}

/** The JSON of GET /api/demos/falsy/count. */
export type FalsyCountAnswer = Awaited<ReturnType<typeof readDeletedCount>>;
