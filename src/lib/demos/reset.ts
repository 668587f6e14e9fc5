import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { restoreOrigin } from '../origin/posts';
import { listAllKeys } from '../patterns/list-all-keys';
import type { DemoBindings } from './cache-aside';

/** Put the learner back at the start: no cached keys, the original posts restored. */
export async function resetLearner(env: DemoBindings, learner: LearnerScope) {
  const kv = scopeKv(env.KV, learner.kvPrefix);
  const [keys, restoredPosts] = await Promise.all([listAllKeys(kv, ''), restoreOrigin(env.DB, learner.id)]);
  await Promise.all(keys.map((key) => kv.delete(key)));
  return { removedKeys: keys.length, restoredPosts };
}

/** The JSON of POST /api/demos/reset. */
export type ResetAnswer = Awaited<ReturnType<typeof resetLearner>>;
