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
  const cached = await kv.get<T>(key, 'json');
  if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed: false };

  const data = await fetcher();
  await kv.put(key, JSON.stringify(data), { expirationTtl: ttlSeconds });
  return { data, source: 'origin', cacheReadFailed: false };
}
