import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { newOriginCost } from '../origin/posts';
import type { DemoBindings } from './cache-aside';

/** Keys derived from the set of posts: they go stale when any post changes. */
export const RECENT_POSTS_KEY = 'posts:recent';
export const POST_COUNT_KEY = 'posts:count';
export const RECENT_LIMIT = 20;

/** What every post demo starts with: a meter, the learner's KV view (timed) and an origin cost. */
export function demoSetup(env: DemoBindings, learner: LearnerScope) {
  const meter = new Meter();
  return { meter, kv: meter.kv(scopeKv(env.KV, learner.kvPrefix)), origin: newOriginCost() };
}
