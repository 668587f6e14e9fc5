import type { Found } from '../http/respond';
import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { loadPost, newOriginCost, type PageViewScan } from '../origin/posts';
import { cacheAside, postKey } from '../patterns/cache-aside';

export interface DemoBindings {
  KV: KVNamespace;
  DB: D1Database;
  /** How origin reads of page_views are bounded and gated; the whole table when absent. */
  scan?: PageViewScan;
}

/**
 * The cache-aside demo: one post through `cacheAside`, in the learner's own key space,
 * with the time spent in KV and D1 and the rows the origin read.
 */
export async function getPostCacheAside(env: DemoBindings, learner: LearnerScope, id: number) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const origin = newOriginCost();
  const key = postKey(id);

  const { value, cache } = await cacheAside(kv, key, () =>
    meter.time('d1', () => loadPost(env.DB, learner.id, id, origin, env.scan)),
  );
  return { cache, key, data: value, origin, timings: meter.timings() };
}

/** The JSON of GET /api/demos/cache-aside/posts/:id (a missing post is a 404). */
export type CacheAsideAnswer = Found<Awaited<ReturnType<typeof getPostCacheAside>>>;
