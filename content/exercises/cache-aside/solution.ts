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
  // get() answers null both for a key that is not there and for a stored "null": the metadata
  // tells them apart, and it comes with the same read.
  const { value, metadata } = await kv.getWithMetadata<T, CacheMetadata>(key, 'json');
  if (metadata?.missing) return { value: null, cache: 'NEGATIVE' };
  // Compare with null, not falsiness: a cached 0, false or "" is still a hit.
  if (value !== null) return { value, cache: 'HIT' };

  const fresh = await loadFromOrigin();
  if (fresh === null) {
    // Remembered briefly: long enough to spare the origin a burst of lookups, short enough
    // that a post created later is not hidden for long.
    await kv.put(key, 'null', {
      expirationTtl: NOT_FOUND_TTL_SECONDS,
      metadata: { cached_at: Date.now(), missing: true } satisfies CacheMetadata,
    });
    return { value: null, cache: 'MISS' };
  }

  await kv.put(key, JSON.stringify(fresh), {
    expirationTtl: ttlSeconds, // KV rejects TTLs under 60 seconds
    metadata: { cached_at: Date.now() } satisfies CacheMetadata,
  });
  return { value: fresh, cache: 'MISS' };
}
