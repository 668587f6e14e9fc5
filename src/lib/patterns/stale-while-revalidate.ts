import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

export interface SwrOptions {
  /** Age after which a cached value is served as STALE and refreshed in the background. */
  staleAfterMs: number;
  /** How long KV keeps the value at all (at least 60 s). Longer than staleAfterMs. */
  ttlSeconds?: number;
  /**
   * The Worker's `ctx.waitUntil`. A promise that is neither awaited nor handed to
   * waitUntil may be cancelled as soon as the response is sent: the refresh would be lost.
   */
  waitUntil: (promise: Promise<unknown>) => void;
}

// #region stale-while-revalidate
/**
 * Stale-while-revalidate: answer from KV at once, even when the copy is old, and refresh an
 * old copy in the background so a later reader gets fresh data.
 */
export async function staleWhileRevalidate<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  { staleAfterMs, ttlSeconds = 3600, waitUntil }: SwrOptions,
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
  if (value === null) {
    // Nothing to serve: this reader has to wait for the origin.
    return { value: await refresh(), cache: 'MISS', ageMs: null };
  }

  const ageMs = Date.now() - (metadata?.cached_at ?? 0);
  if (ageMs <= staleAfterMs) return { value, cache: 'HIT', ageMs };

  // Old but usable: serve it now, refresh after the response has gone. Nobody awaits the
  // refresh, so its failure (origin down, a 429 from a concurrent refresh) is caught here or
  // it would be an unhandled rejection; the stale copy stays and the next reader tries again.
  waitUntil(refresh().catch((error) => console.error(`Background refresh of ${key} failed:`, error)));
  return { value, cache: 'STALE', ageMs };
}
// #endregion stale-while-revalidate
