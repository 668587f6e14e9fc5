import type { KvApi } from '../kv/scoped-kv';

/** KV answers a second write to the same key within a second with this (KV › Platform › Limits). */
export const isRateLimited = (error: unknown) => error instanceof Error && /\b429\b/.test(error.message);

export interface BackoffOptions {
  /** Retries after the first attempt; then the 429 is thrown. */
  retries?: number;
  /** The first wait. 1 s, because KV allows one write per second to a key: retrying sooner is refused again. */
  baseDelayMs?: number;
  /** Injected so tests and demos can observe the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

// #region put-with-backoff
/**
 * `put` that retries a 429 with exponential backoff and jitter (about 1 s, 2 s, 4 s …), as
 * KV's documentation recommends for hot keys. Any other error is thrown at once.
 * Returns the delays it waited, so callers can show them.
 */
export async function putWithBackoff(
  kv: KvApi,
  key: string,
  value: string,
  options: KVNamespacePutOptions = {},
  { retries = 4, baseDelayMs = 1000, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: BackoffOptions = {},
): Promise<{ attempts: number; waitedMs: number[] }> {
  const waitedMs: number[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      await kv.put(key, value, options);
      return { attempts: attempt, waitedMs };
    } catch (error) {
      if (!isRateLimited(error) || attempt > retries) throw error;
      // Random spread (±25 %) so writers that collided do not retry in step and collide again.
      const delay = Math.round(baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      waitedMs.push(delay);
      await sleep(delay);
    }
  }
}
// #endregion put-with-backoff
