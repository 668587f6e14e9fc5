import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import {
  countPosts,
  deletePostForLearner,
  loadPost,
  loadRecentPosts,
  newOriginCost,
  savePostEdit,
  type PostChanges,
} from '../origin/posts';
import { cacheAside, postKey } from '../patterns/cache-aside';
import { deleteAndInvalidate } from '../patterns/invalidation';
import { staleWhileRevalidate } from '../patterns/stale-while-revalidate';
import { writeThrough } from '../patterns/write-through';
import type { DemoBindings } from './cache-aside';

/**
 * The post demos of the caching-patterns lesson: write-through, invalidation and
 * stale-while-revalidate, each measured and confined to the learner's keys and overlay.
 */

/** Keys derived from the set of posts: they go stale when any post changes. */
export const RECENT_POSTS_KEY = 'posts:recent';
export const POST_COUNT_KEY = 'posts:count';
const RECENT_LIMIT = 20;

function setup(env: DemoBindings, learner: LearnerScope) {
  const meter = new Meter();
  return { meter, kv: meter.kv(scopeKv(env.KV, learner.kvPrefix)), origin: newOriginCost() };
}

/**
 * Edit a post. `write-through` updates the origin and the cached copy together;
 * `origin-only` updates the origin alone, so a cached copy goes on serving the old text.
 */
export async function editPost(
  env: DemoBindings,
  learner: LearnerScope,
  id: number,
  changes: PostChanges,
  mode: 'write-through' | 'origin-only',
) {
  const { meter, kv, origin } = setup(env, learner);
  const save = () => meter.time('d1', () => savePostEdit(env.DB, learner.id, id, changes, origin));

  if (mode === 'origin-only') {
    const value = await save();
    return { mode, key: postKey(id), data: value, wrote: ['origin'], invalidated: [], origin, timings: meter.timings() };
  }
  // The title shows in the recent list, so that derived key must go too.
  const { value, invalidated } = await writeThrough(kv, postKey(id), save, { derivedKeys: [RECENT_POSTS_KEY] });
  return { mode, key: postKey(id), data: value, wrote: ['origin', 'kv'], invalidated, origin, timings: meter.timings() };
}

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
  const { meter, kv, origin } = setup(env, learner);
  const keys = scope === 'all' ? [postKey(id), RECENT_POSTS_KEY, POST_COUNT_KEY] : [postKey(id)];
  const result = await deleteAndInvalidate(
    kv,
    () => meter.time('d1', () => deletePostForLearner(env.DB, learner.id, id, origin)),
    keys,
  );
  return { scope, ...result, origin, timings: meter.timings() };
}

/** The recent-posts list and the post count, each through cache-aside: what a homepage shows. */
export async function postsSummary(env: DemoBindings, learner: LearnerScope) {
  const { meter, kv, origin } = setup(env, learner);
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

/** Recent posts through stale-while-revalidate; `waitUntil` is the request's ctx.waitUntil. */
export async function recentPostsSwr(
  env: DemoBindings,
  learner: LearnerScope,
  staleAfterSeconds: number,
  waitUntil: (p: Promise<unknown>) => void,
) {
  const { meter, kv, origin } = setup(env, learner);
  const result = await staleWhileRevalidate(
    kv,
    RECENT_POSTS_KEY,
    () => meter.time('d1', () => loadRecentPosts(env.DB, learner.id, RECENT_LIMIT, origin)),
    { staleAfterMs: staleAfterSeconds * 1000, ttlSeconds: 3600, waitUntil },
  );
  return {
    cache: result.cache,
    key: RECENT_POSTS_KEY,
    data: result.value ?? [],
    ageMs: result.ageMs,
    refreshScheduled: result.cache === 'STALE',
    origin,
    timings: meter.timings(),
  };
}

/** One post read straight from the origin, bypassing KV: what the truth is right now. */
export async function readOrigin(env: DemoBindings, learner: LearnerScope, id: number) {
  const meter = new Meter();
  const origin = newOriginCost();
  const data = await meter.time('d1', () => loadPost(env.DB, learner.id, id, origin));
  return { cache: 'BYPASS' as const, data, origin, timings: meter.timings() };
}
