import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

/**
 * Write-through: an edit writes the origin, then puts the value the origin now holds in KV,
 * so the next read is a hit with the new data. The cached copies are deleted before the
 * origin write, so a crash in between leaves no old copy. Derived keys are deleted, to be
 * rebuilt by the next read.
 */
export async function writeThrough<T>(
  kv: KvApi,
  key: string,
  saveToOrigin: () => Promise<T | null>,
  { ttlSeconds = 3600, derivedKeys = [] as string[] } = {},
): Promise<{ value: T | null; invalidated: string[] }> {
  // 1. Delete the cached copy and the derived keys.
  // 2. Save to the origin.
  // 3. Put the saved value in KV (TTL, cached_at), and delete the derived keys again.
  return { value: null, invalidated: [] };
}
