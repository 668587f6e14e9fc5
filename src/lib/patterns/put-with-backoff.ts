import type { KvApi } from '../kv/scoped-kv';

/** KV answers a second write to the same key within a second with this (KV › Platform › Limits). */
export const isRateLimited = (error: unknown) => error instanceof Error && /\b429\b/.test(error.message);

export interface BackoffOptions {
  retries?: number;
  baseDelayMs?: number;
  /** Injected so tests and demos can observe the waits. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * `put` that retries a 429 with exponential backoff and jitter (base, 2×base, 4×base …),
 * as KV's documentation recommends for hot keys. Any other error is thrown at once.
 * Returns the delays it waited, so callers can show them.
 */
export async function putWithBackoff(
  kv: KvApi,
  key: string,
  value: string,
  options: KVNamespacePutOptions = {},
  { retries = 4, baseDelayMs = 100, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: BackoffOptions = {},
): Promise<{ attempts: number; waitedMs: number[] }> {
  const waitedMs: number[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      await kv.put(key, value, options);
      return { attempts: attempt, waitedMs };
    } catch (error) {
      if (!isRateLimited(error) || attempt > retries) throw error;
      const delay = Math.round(baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      waitedMs.push(delay);
      await sleep(delay);
    }
  }
}
