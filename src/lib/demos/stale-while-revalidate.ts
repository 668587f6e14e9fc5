import type { LearnerScope } from '../learner-scope';
import { loadRecentPosts } from '../origin/posts';
import { staleWhileRevalidate } from '../patterns/stale-while-revalidate';
import type { DemoBindings } from './cache-aside';
import { RECENT_LIMIT, RECENT_POSTS_KEY, demoSetup } from './shared';

/** Recent posts through stale-while-revalidate; `waitUntil` is the request's ctx.waitUntil. */
export async function recentPostsSwr(
  env: DemoBindings,
  learner: LearnerScope,
  staleAfterSeconds: number,
  waitUntil: (p: Promise<unknown>) => void,
) {
  const { meter, kv, origin } = demoSetup(env, learner);
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

/** The JSON of GET /api/demos/swr/posts/recent. */
export type SwrAnswer = Awaited<ReturnType<typeof recentPostsSwr>>;
