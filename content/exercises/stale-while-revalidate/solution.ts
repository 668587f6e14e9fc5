import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached value: when it was cached, in ms since the epoch. */
export interface CachedAt {
  cached_at: number;
}

export interface SwrOptions {
  /** Age after which a cached value is served as STALE and refreshed in the background. */
  staleAfterMs: number;
  /** Age after which a cached value is too old to serve at all: the reader waits for the origin. */
  maxStaleMs: number;
  /** How long KV keeps the value at all (at least 60 s). */
  ttlSeconds?: number;
  /** The Worker's `ctx.waitUntil`. */
  waitUntil: (promise: Promise<unknown>) => void;
}

/**
 * Stale-while-revalidate with a bound: answer from KV at once while the copy is young enough,
 * refresh an old copy in the background, and never serve one older than `maxStaleMs`.
 */
export async function staleWhileRevalidate<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  { staleAfterMs, maxStaleMs, ttlSeconds = 3600, waitUntil }: SwrOptions,
): Promise<{ value: T | null; cache: 'HIT' | 'STALE' | 'MISS'; ageMs: number | null }> {
  const refresh = async () => {
    const fresh = await loadFromOrigin();
    if (fresh !== null) {
      await kv.put(key, JSON.stringify(fresh), {
        expirationTtl: ttlSeconds,
        metadata: { cached_at: Date.now() } satisfies CachedAt,
      });
    }
    return fresh;
  };

  const { value, metadata } = await kv.getWithMetadata<T, CachedAt>(key, 'json');
  // A copy without cached_at has an unknown age: treat it as the oldest there is.
  const ageMs = value === null ? null : Date.now() - (metadata?.cached_at ?? 0);

  // No copy, or one too old to show anyone: this reader waits for the origin.
  if (ageMs === null || ageMs > maxStaleMs) return { value: await refresh(), cache: 'MISS', ageMs: null };
  if (ageMs <= staleAfterMs) return { value, cache: 'HIT', ageMs };

  // Old but within the bound: serve it now, refresh after the response has gone. Nobody awaits
  // the refresh, so it needs its own .catch or a failure would be an unhandled rejection.
  waitUntil(refresh().catch((error) => console.error(`Refreshing ${key} in the background failed:`, error)));
  return { value, cache: 'STALE', ageMs };
}
