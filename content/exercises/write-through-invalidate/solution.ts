import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached value: when it was cached, in ms since the epoch. */
export interface CachedAt {
  cached_at: number;
}

/**
 * Write-through with a lists version: an edit deletes the cached copy, writes the origin, puts
 * the saved value in KV, then moves every cached list to a new version. The lists are read
 * under `v<version>`, so one write of `listsVersionKey` makes all of the old ones unreachable.
 */
export async function writeThrough<T>(
  kv: KvApi,
  key: string,
  saveToOrigin: () => Promise<T | null>,
  { ttlSeconds = 3600, listsVersionKey }: { ttlSeconds?: number; listsVersionKey: string },
): Promise<{ value: T | null; listsVersion: number | null }> {
  // 1. No copy is never wrong: if the request dies after the origin write, nothing old is left.
  await kv.delete(key);

  // 2. The source of truth. If this throws, the error goes to the caller and no copy is left.
  const saved = await saveToOrigin();
  if (saved === null) return { value: null, listsVersion: null };

  // 3. The new value, so the next read is a hit with it.
  await kv.put(key, JSON.stringify(saved), {
    expirationTtl: ttlSeconds,
    metadata: { cached_at: Date.now() } satisfies CachedAt,
  });

  // 4. Bump after the save, not before: a reader that rebuilt a list during the save did it
  //    from the old row, under the version that is now left behind.
  const stored = Number(await kv.get(listsVersionKey));
  const listsVersion = (Number.isInteger(stored) && stored >= 1 ? stored : 1) + 1;
  // No expiration: if the version expired, the lists would fall back to v1, long invalidated.
  await kv.put(listsVersionKey, String(listsVersion));
  return { value: saved, listsVersion };
}
