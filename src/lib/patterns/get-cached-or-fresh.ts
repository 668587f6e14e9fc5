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
  let cacheReadFailed = false;
  try {
    const cached = await kv.get<T>(key, 'json');
    if (cached !== null) return { data: cached, source: 'cache', cacheReadFailed, cacheWriteFailed: false };
  } catch (error) {
    cacheReadFailed = true;
    console.error(`KV read of ${key} failed; using the origin:`, error);
  }

  // An origin failure is a real failure: there is nothing to fall back to.
  const data = await fetcher();

  let cacheWriteFailed = false;
  try {
    await kv.put(key, JSON.stringify(data), {
      expirationTtl: ttlSeconds,
      metadata: { cached_at: Date.now() } satisfies CachedAt,
    });
  } catch (error) {
    cacheWriteFailed = true;
    console.error(`KV write of ${key} failed; the data is still returned:`, error);
  }
  return { data, source: 'origin', cacheReadFailed, cacheWriteFailed };
}
