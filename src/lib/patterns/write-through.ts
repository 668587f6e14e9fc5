import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

/**
 * Write-through: an edit writes the origin, then puts the value the origin now holds in KV,
 * so the next read is a hit with the new data.
 *
 * The order makes it safe to stop at any step. The cached copy is deleted BEFORE the origin
 * is written, so if the request dies (or the put fails) after the origin write, there is no
 * old copy left to serve: the next read misses and loads the new row. Origin first and KV
 * second would leave the old copy in place, served as a hit until its TTL ran out.
 *
 * Keys derived from the same data (a list, a count) cannot be updated from one row: they are
 * deleted before the write and again after it, and rebuilt by the next read.
 *
 * Two edits of the same key must not overlap: KV has no conditional put, so the older put
 * could land last. The caller makes them take turns (../origin/post-locks.ts).
 */
// #region write-through
export async function writeThrough<T>(
  kv: KvApi,
  key: string,
  saveToOrigin: () => Promise<T | null>,
  { ttlSeconds = 3600, derivedKeys = [] as string[] } = {},
): Promise<{ value: T | null; invalidated: string[]; cached: boolean }> {
  // 1. Drop the copies. No copy is never wrong: until step 3, a reader misses and loads the origin.
  //    If KV cannot delete, the edit stops here, before the origin: this delete is the guarantee.
  await Promise.all([key, ...derivedKeys].map((k) => kv.delete(k)));

  // 2. The origin is the source of truth. If this throws, the write may still have landed,
  //    which is one more reason the old copy had to go first.
  const saved = await saveToOrigin();
  if (saved === null) return { value: null, invalidated: derivedKeys, cached: false };

  // 3. The new value, and the derived keys again: a reader may have rebuilt them from the
  //    old row between steps 1 and 2. The origin has saved, so the edit has succeeded: a
  //    failed put (a 429, an outage) leaves no copy, which is still correct, and a failed
  //    delete leaves a copy that its TTL bounds. Neither may turn the edit into an error.
  const [put, ...deletes] = await Promise.allSettled([
    kv.put(key, JSON.stringify(saved), {
      expirationTtl: ttlSeconds,
      metadata: { cached_at: Date.now() } satisfies CachedAt,
    }),
    ...derivedKeys.map((derived) => kv.delete(derived)),
  ]);
  for (const result of [put, ...deletes]) {
    if (result?.status === 'rejected') console.error(`KV step after saving ${key} failed; the edit stands:`, result.reason);
  }
  return { value: saved, invalidated: derivedKeys, cached: put?.status === 'fulfilled' };
}
// #endregion write-through
