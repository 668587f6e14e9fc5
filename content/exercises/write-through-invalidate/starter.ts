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
  // 1. Delete the cached copy.
  // 2. Save to the origin.
  // 3. Put the saved value in KV (TTL, cached_at).
  // 4. Bump the number stored under listsVersionKey (1 when there is none), with no expiration.
  return { value: null, listsVersion: null };
}
