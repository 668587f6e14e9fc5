import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

/**
 * A cache read that cannot break the page: if KV fails to answer, fetch from the origin;
 * if KV fails to store, still return the data. The cache only ever makes things faster.
 */
export async function getCachedOrFresh<T>(
  kv: KvApi,
  key: string,
  fetcher: () => Promise<T>,
  { ttlSeconds = 3600 } = {},
): Promise<{ data: T; source: 'cache' | 'origin'; cacheReadFailed: boolean; cacheWriteFailed: boolean }> {
  const cached = await kv.get<T>(key, 'json');
  if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed: false, cacheWriteFailed: false };

  const data = await fetcher();
  await kv.put(key, JSON.stringify(data), { expirationTtl: ttlSeconds });
  return { data, source: 'origin', cacheReadFailed: false, cacheWriteFailed: false };
}
