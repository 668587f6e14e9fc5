import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

export interface CachedOrFreshOptions {
  /** How long KV keeps the copy (at least 60 s). */
  ttlSeconds?: number;
  /**
   * The Worker's `ctx.waitUntil`: the cache write runs after the response has gone, so no
   * reader waits for it. A promise neither awaited nor handed to waitUntil may be cancelled.
   */
  waitUntil: (promise: Promise<unknown>) => void;
}

// #region get-cached-or-fresh
/**
 * A cache read that cannot break the page: if KV fails to answer, fetch from the origin;
 * if KV fails to store, the data has already been returned. The cache only makes things faster.
 */
export async function getCachedOrFresh<T>(
  kv: KvApi,
  key: string,
  fetcher: () => Promise<T>,
  { ttlSeconds = 3600, waitUntil }: CachedOrFreshOptions,
): Promise<{ data: T; source: 'cache' | 'origin'; cacheReadFailed: boolean }> {
  let cacheReadFailed = false;
  try {
    const cached = await kv.get<T>(key, 'json');
    // Compare with null: a cached 0, false or "" is still a hit.
    if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed };
  } catch (error) {
    // A failed read is a miss with a log line: the origin can still answer.
    cacheReadFailed = true;
    console.error(`KV read of ${key} failed; using the origin:`, error);
  }

  // An origin failure is a real failure: there is nothing to fall back to.
  const data = await fetcher();

  // The response does not wait for the write, and the .catch keeps a failed write (a 429,
  // an outage) from becoming an unhandled rejection: it costs the next reader a miss, no more.
  waitUntil(
    kv
      .put(key, JSON.stringify(data), {
        expirationTtl: ttlSeconds,
        metadata: { cached_at: Date.now() } satisfies CachedAt,
      })
      .catch((error) => console.error(`KV write of ${key} failed; the data was returned anyway:`, error)),
  );
  return { data, source: 'origin', cacheReadFailed };
}
// #endregion get-cached-or-fresh
