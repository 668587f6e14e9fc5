import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { withPostLock } from '../origin/post-locks';
import { loadPost, newOriginCost, savePostEdit, type PostChanges } from '../origin/posts';
import { postKey } from '../patterns/cache-aside';
import { writeThrough } from '../patterns/write-through';
import type { DemoBindings } from './cache-aside';
import { RECENT_POSTS_KEY, demoSetup } from './shared';

/**
 * Edit a post. `write-through` updates the origin and the cached copy together;
 * `origin-only` updates the origin alone, so a cached copy goes on serving the old text.
 * `busy` is true when another write-through edit of the post held its lock too long.
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
    return { mode, key: postKey(id), data: value, busy: false, wrote: ['origin'], invalidated: [], origin, timings: meter.timings() };
  }
  // #region edit-under-lock
  // One edit of this post at a time; the title shows in the recent list, so that key goes too.
  const edit = await withPostLock(env.DB, learner.id, id, () =>
    writeThrough(kv, postKey(id), save, { derivedKeys: [RECENT_POSTS_KEY] }),
  );
  // #endregion edit-under-lock
  if (!edit.locked) {
    return { mode, key: postKey(id), data: null, busy: true, wrote: [], invalidated: [], origin, timings: meter.timings() };
  }
  const { value, invalidated, cached } = edit.value;
  const wrote = cached ? ['origin', 'kv'] : ['origin'];
  return { mode, key: postKey(id), data: value, busy: false, wrote, invalidated, origin, timings: meter.timings() };
}

/** One post read straight from the origin, bypassing KV: what the truth is right now. */
export async function readOrigin(env: DemoBindings, learner: LearnerScope, id: number) {
  const meter = new Meter();
  const origin = newOriginCost();
  const data = await meter.time('d1', () => loadPost(env.DB, learner.id, id, origin, env.scan));
  return { cache: 'BYPASS' as const, data, origin, timings: meter.timings() };
}
