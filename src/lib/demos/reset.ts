import { scopeKv, type KVStore } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { restoreOrigin } from '../origin/posts';
import type { DemoBindings } from './cache-aside';

/**
 * Delete every key in `kv` (already scoped to one learner), page by page.
 * Stops on `list_complete`, never on an empty page: a page can be empty while keys remain.
 */
export async function deleteAllKeys(kv: KVStore): Promise<number> {
  let removed = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await kv.list({ cursor });
    await Promise.all(page.keys.map((k) => kv.delete(k.name)));
    removed += page.keys.length;
    if (page.list_complete) return removed;
    cursor = page.cursor;
  }
}

/** Put the learner back at the start: no cached keys, the original posts restored. */
export async function resetLearner(env: DemoBindings, learner: LearnerScope) {
  const [removedKeys, restoredPosts] = await Promise.all([
    deleteAllKeys(scopeKv(env.KV, learner.kvPrefix)),
    restoreOrigin(env.DB, learner.id),
  ]);
  return { removedKeys, restoredPosts };
}
