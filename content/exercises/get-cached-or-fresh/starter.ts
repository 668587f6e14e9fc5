import type { KvApi } from '../kv/scoped-kv';

/**
 * A cache read that cannot break the page: if KV fails to answer, fetch from the origin;
 * if KV fails to store, the data has already been returned. The cache only makes things faster.
 */
export async function getCachedOrFresh<T>(
  kv: KvApi,
  key: string,
  fetcher: () => Promise<T>,
  { ttlSeconds = 3600, waitUntil }: { ttlSeconds?: number; waitUntil: (promise: Promise<unknown>) => void },
): Promise<{ data: T; source: 'cache' | 'origin'; cacheReadFailed: boolean }> {
  const cached = await kv.get<T>(key, 'json');
  if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed: false };

  const data = await fetcher();
  await kv.put(key, JSON.stringify(data), { expirationTtl: ttlSeconds });
  return { data, source: 'origin', cacheReadFailed: false };
}
