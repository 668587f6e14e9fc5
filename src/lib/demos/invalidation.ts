import type { LearnerScope } from '../learner-scope';
import { countPosts, deletePostForLearner, loadRecentPosts } from '../origin/posts';
import { cacheAside, postKey } from '../patterns/cache-aside';
import { deleteAndInvalidate } from '../patterns/invalidation';
import type { DemoBindings } from './cache-aside';
import { POST_COUNT_KEY, RECENT_LIMIT, RECENT_POSTS_KEY, demoSetup } from './shared';

/**
 * Delete a post. `all` invalidates the post and every key derived from the post set;
 * `item-only` forgets the derived keys, so the cached list and count still include it.
 */
export async function deletePost(
  env: DemoBindings,
  learner: LearnerScope,
  id: number,
  scope: 'all' | 'item-only',
) {
  const { meter, kv, origin } = demoSetup(env, learner);
  const keys = scope === 'all' ? [postKey(id), RECENT_POSTS_KEY, POST_COUNT_KEY] : [postKey(id)];
  const result = await deleteAndInvalidate(
    kv,
    () => meter.time('d1', () => deletePostForLearner(env.DB, learner.id, id, origin)),
    keys,
  );
  return { scope, ...result, origin, timings: meter.timings() };
}

/** The JSON of DELETE /api/demos/invalidation/posts/:id (a missing post is a 404). */
export type DeletePostAnswer = Awaited<ReturnType<typeof deletePost>>;

/** The recent-posts list and the post count, each through cache-aside: what a homepage shows. */
export async function postsSummary(env: DemoBindings, learner: LearnerScope) {
  const { meter, kv, origin } = demoSetup(env, learner);
  const [recent, count] = await Promise.all([
    cacheAside(kv, RECENT_POSTS_KEY, () => meter.time('d1', () => loadRecentPosts(env.DB, learner.id, RECENT_LIMIT, origin)), 300),
    cacheAside(kv, POST_COUNT_KEY, () => meter.time('d1', () => countPosts(env.DB, learner.id, origin)), 300),
  ]);
  return {
    cache: recent.cache === 'HIT' && count.cache === 'HIT' ? ('HIT' as const) : ('MISS' as const),
    data: { recent: recent.value ?? [], count: count.value ?? 0 },
    keys: { [RECENT_POSTS_KEY]: recent.cache, [POST_COUNT_KEY]: count.cache },
    origin,
    timings: meter.timings(),
  };
}

/** The JSON of GET /api/demos/invalidation/summary. */
export type PostsSummaryAnswer = Awaited<ReturnType<typeof postsSummary>>;
