import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached value: when it was cached, in ms since the epoch. */
export interface CachedAt {
  cached_at: number;
}

/**
 * Cache-aside (lazy loading): look in KV first; on a miss, load from the origin and
 * store the result in KV so the next read is a hit.
 *
 * Returns the value (or `null` when the origin has nothing) and whether KV answered.
 */
export async function cacheAside<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  ttlSeconds = 3600,
): Promise<{ value: T | null; cache: 'HIT' | 'MISS' }> {
  const cached = await kv.get<T>(key, 'json');
  // Compare with null, not falsiness: a cached 0, false or "" is still a hit.
  if (cached !== null) return { value: cached, cache: 'HIT' };

  const fresh = await loadFromOrigin();
  // Nothing to cache: the caller answers "not found".
  if (fresh === null) return { value: null, cache: 'MISS' };

  await kv.put(key, JSON.stringify(fresh), {
    expirationTtl: ttlSeconds, // KV rejects TTLs under 60 seconds
    metadata: { cached_at: Date.now() } satisfies CachedAt,
  });
  return { value: fresh, cache: 'MISS' };
}

/** The key a post is cached under. One function, so every pattern agrees on it. */
export const postKey = (id: number) => `post:${id}`;
