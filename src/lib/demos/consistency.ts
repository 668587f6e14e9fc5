import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter } from '../observe';
import { putWithBackoff } from '../patterns/put-with-backoff';
import type { DemoBindings } from './cache-aside';

/**
 * The store behind the consistency model (src/lib/consistency/model.ts): the real KV, in
 * the learner's key space. The model's simulated locations call these when their cached
 * read has expired; the locations and their caches are simulated, these reads and writes
 * are not.
 */

/** The one key the model's locations read and write. */
export const MODEL_KEY = 'consistency:greeting';

/**
 * A plain read, without `cacheTtl`: in production `cacheTtl` is what the model simulates,
 * and locally there is only one location for it to act on.
 */
export async function readStore(env: DemoBindings, learner: LearnerScope) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const value = await kv.get(MODEL_KEY, 'text');
  return { key: MODEL_KEY, data: { value }, now: Date.now(), timings: meter.timings() };
}

/** The JSON of GET /api/demos/consistency/value. */
export type StoreReadAnswer = Awaited<ReturnType<typeof readStore>>;

/**
 * Write the value. KV allows one write per second to a key; learners click fast, so a 429
 * is retried with backoff rather than shown as a failure.
 */
export async function writeStore(env: DemoBindings, learner: LearnerScope, value: string) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  const { attempts, waitedMs } = await putWithBackoff(kv, MODEL_KEY, value, { expirationTtl: 3600 });
  return { key: MODEL_KEY, data: { value }, attempts, waitedMs, now: Date.now(), timings: meter.timings() };
}

/** The JSON of PUT /api/demos/consistency/value. */
export type StoreWriteAnswer = Awaited<ReturnType<typeof writeStore>>;

/** Remove the key, so the model starts from "not found" again. */
export async function clearStore(env: DemoBindings, learner: LearnerScope) {
  const meter = new Meter();
  const kv = meter.kv(scopeKv(env.KV, learner.kvPrefix));
  await kv.delete(MODEL_KEY);
  return { key: MODEL_KEY, data: { value: null }, now: Date.now(), timings: meter.timings() };
}
