import type { KVStore } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

/**
 * Write-through: every write goes to the origin first, and the value the origin now holds
 * is written to KV straight away, so the next read is a hit with the new data.
 * Keys derived from the same data are deleted, to be rebuilt by the next read.
 */
export async function writeThrough<T>(
  kv: KVStore,
  key: string,
  saveToOrigin: () => Promise<T | null>,
  { ttlSeconds = 3600, derivedKeys = [] as string[] } = {},
): Promise<{ value: T | null; invalidated: string[] }> {
  // 1. Save to the origin.
  // 2. Put the saved value in KV (TTL, cached_at).
  // 3. Delete the derived keys.
  return { value: null, invalidated: [] };
}
