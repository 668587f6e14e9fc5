import type { KvApi } from '../kv/scoped-kv';

export interface CachedOrFreshOptions<T> {
  /** How long KV keeps the copy (at least 60 s). */
  ttlSeconds?: number;
  /** The Worker's `ctx.waitUntil`: the cache write runs after the response has gone. */
  waitUntil: (promise: Promise<unknown>) => void;
  /** What to answer when the origin fails too: a placeholder the page can show. Never cached. */
  fallback?: T;
}

/**
 * A cache read that cannot break the page: if KV fails to answer, fetch from the origin; if KV
 * fails to store, the data has already been returned; if the origin fails as well, answer the
 * fallback when there is one. The cache only makes things faster.
 */
export async function getCachedOrFresh<T>(
  kv: KvApi,
  key: string,
  fetcher: () => Promise<T>,
  { ttlSeconds = 3600, waitUntil, fallback }: CachedOrFreshOptions<T>,
): Promise<{ data: T; source: 'cache' | 'origin' | 'fallback'; cacheReadFailed: boolean }> {
  let cacheReadFailed = false;
  try {
    const cached = await kv.get<T>(key, 'json');
    // Compare with null: a cached 0, false or "" is still a hit.
    if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed };
  } catch (error) {
    cacheReadFailed = true;
    console.error(`Reading ${key} from KV failed; asking the origin:`, error);
  }

  let data: T;
  try {
    data = await fetcher();
  } catch (error) {
    // Without a fallback an origin failure is a real failure: there is nothing else to answer.
    if (fallback === undefined) throw error;
    console.error(`The origin failed for ${key}; answering the fallback:`, error);
    // Not cached: the placeholder would be served as the data long after the origin is back.
    return { data: fallback, source: 'fallback', cacheReadFailed };
  }

  // The response does not wait for the write, and the .catch keeps a failed write from
  // becoming an unhandled rejection: it costs the next reader a miss, no more.
  waitUntil(
    kv
      .put(key, JSON.stringify(data), { expirationTtl: ttlSeconds, metadata: { cached_at: Date.now() } })
      .catch((error) => console.error(`Writing ${key} to KV failed; the data went out anyway:`, error)),
  );
  return { data, source: 'origin', cacheReadFailed };
}
