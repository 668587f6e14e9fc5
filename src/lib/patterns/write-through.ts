import type { KVStore } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

/**
 * Write-through: every write goes to the origin first, and the value the origin now holds
 * is written to KV straight away, so the next read is a hit with the new data.
 *
 * Keys derived from the same data (a list, a count) cannot be updated from one row, so
 * they are deleted and rebuilt by the next read.
 */
export async function writeThrough<T>(
  kv: KVStore,
  key: string,
  saveToOrigin: () => Promise<T | null>,
  { ttlSeconds = 3600, derivedKeys = [] as string[] } = {},
): Promise<{ value: T | null; invalidated: string[] }> {
  // The origin is the source of truth: if this throws, the cache is left untouched.
  const saved = await saveToOrigin();
  if (saved === null) return { value: null, invalidated: [] };

  await Promise.all([
    kv.put(key, JSON.stringify(saved), {
      expirationTtl: ttlSeconds,
      metadata: { cached_at: Date.now() } satisfies CachedAt,
    }),
    ...derivedKeys.map((derived) => kv.delete(derived)),
  ]);
  return { value: saved, invalidated: derivedKeys };
}
