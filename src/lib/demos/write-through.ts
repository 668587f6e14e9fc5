import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { loadPost, newOriginCost, savePostEdit, type PostChanges } from '../origin/posts';
import { postKey } from '../patterns/cache-aside';
import { writeThrough } from '../patterns/write-through';
import type { DemoBindings } from './cache-aside';
import { RECENT_POSTS_KEY, demoSetup } from './shared';

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
  const { meter, kv, origin } = demoSetup(env, learner);
  const save = () => meter.time('d1', () => savePostEdit(env.DB, learner.id, id, changes, origin, env.scan));

  if (mode === 'origin-only') {
    const value = await save();
    return { mode, key: postKey(id), data: value, wrote: ['origin'], invalidated: [], origin, timings: meter.timings() };
  }
  // The title shows in the recent list, so that derived key must go too.
  const { value, invalidated } = await writeThrough(kv, postKey(id), save, { derivedKeys: [RECENT_POSTS_KEY] });
  return { mode, key: postKey(id), data: value, wrote: ['origin', 'kv'], invalidated, origin, timings: meter.timings() };
}

/** One post read straight from the origin, bypassing KV: what the truth is right now. */
export async function readOrigin(env: DemoBindings, learner: LearnerScope, id: number) {
  const meter = new Meter();
  const origin = newOriginCost();
  const data = await meter.time('d1', () => loadPost(env.DB, learner.id, id, origin, env.scan));
  return { cache: 'BYPASS' as const, data, origin, timings: meter.timings() };
}
