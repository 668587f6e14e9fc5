import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached value: when it was cached, in ms since the epoch. */
export interface CachedAt {
  cached_at: number;
}

/**
 * Cache-aside (lazy loading): look in KV first; on a miss, load from the origin and
 * store the result in KV so the next read is a hit.
 */
export async function cacheAside<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  ttlSeconds = 3600,
): Promise<{ value: T | null; cache: 'HIT' | 'MISS' }> {
  // 1. Look in KV.
  // 2. On a miss, load from the origin.
  // 3. Store what the origin gave, with a TTL and cached_at metadata.
  return { value: await loadFromOrigin(), cache: 'MISS' };
}
