/** What a demo reports about the cache for one request. */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS' | 'ERROR';

/** Milliseconds spent per phase of one request, measured in the Worker. */
export type Timings = Record<string, number>;

import type { KvApi } from './kv/scoped-kv';

/**
 * Measures where a request's time goes. Wrap the KV namespace with `kv()` and origin calls
 * with `time('d1', …)`; `timings()` then reports the totals per phase plus `total`.
 *
 * Workers advance the clock only across I/O, which is exactly what these spans contain.
 */
export class Meter {
  readonly #start = performance.now();
  readonly #spent = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const begin = performance.now();
    try {
      return await work();
    } finally {
      this.#spent.set(phase, (this.#spent.get(phase) ?? 0) + performance.now() - begin);
    }
  }

  /** The same KV, with every call's duration added to the `kv` phase. */
  kv(inner: KvApi): KvApi {
    const timed = {} as Record<string, unknown>;
    for (const method of ['get', 'getWithMetadata', 'put', 'delete', 'list'] as const) {
      timed[method] = (...args: unknown[]) =>
        this.time('kv', () => (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args));
    }
    return timed as KvApi;
  }

  timings(): Timings {
    const out: Timings = {};
    for (const [phase, ms] of this.#spent) out[phase] = round(ms);
    out.total = round(performance.now() - this.#start);
    return out;
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
