import type { Found } from '../http/respond';
import { FAULT_MESSAGES, withFaults, type InjectedFaults } from '../kv/faulty-kv';
import { scopeKv } from '../kv/scoped-kv';
import type { LearnerScope } from '../learner-scope';
import { Meter, type CacheStatus } from '../observe';
import { loadPost, newOriginCost, type Post } from '../origin/posts';
import { postKey } from '../patterns/cache-aside';
import { getCachedOrFresh } from '../patterns/get-cached-or-fresh';
import { putWithBackoff } from '../patterns/put-with-backoff';
import type { DemoBindings } from './cache-aside';

/** How many times a 429 is retried before giving up. */
export const MAX_RETRIES = 4;

export interface ErrorDemoFaults extends InjectedFaults {
  /** The origin query throws: the one failure caching cannot hide when the cache is empty. */
  originFails?: boolean;
}

const FAULT_NAMES: Record<string, keyof ErrorDemoFaults> = { read: 'readFails', write: 'writeFails', origin: 'originFails' };

/** `read,write,origin` (any of them, comma-separated) as the faults to inject, or why not. */
export function parseFaults(list: string): { ok: true; value: ErrorDemoFaults } | { ok: false; message: string } {
  const faults: ErrorDemoFaults = {};
  for (const name of list.split(',').filter(Boolean)) {
    const flag = FAULT_NAMES[name];
    if (!flag) return { ok: false, message: `Unknown fault "${name}". Choose from read, write, origin.` };
    faults[flag as 'readFails'] = true;
  }
  return { ok: true, value: faults };
}

/** Thrown when the injected origin fault fires; the route answers 503 with the explanation. */
export class OriginUnavailable extends Error {}

/**
 * Read a post with `getCachedOrFresh` while the learner's chosen faults are injected.
 * The answer says where the data came from and which faults fired.
 */
export async function readPostWithFaults(env: DemoBindings, learner: LearnerScope, id: number, faults: ErrorDemoFaults) {
  const meter = new Meter();
  const injected: string[] = [];
  const kv = withFaults(meter.kv(scopeKv(env.KV, learner.kvPrefix)), faults, injected);
  const origin = newOriginCost();

  const fetcher = async (): Promise<Post | null> => {
    if (faults.originFails) {
      injected.push('D1 query failed: origin unavailable (injected fault)');
      throw new OriginUnavailable(
        injected.includes(FAULT_MESSAGES.read)
          ? 'The KV read failed and the origin is down (both injected): there was nothing to answer with.'
          : 'KV had no copy of this post and the origin is down (injected): there was nothing to answer with.',
      );
    }
    return meter.time('d1', () => loadPost(env.DB, learner.id, id, origin, env.scan));
  };

  // In a Worker the write goes to ctx.waitUntil and nobody waits for it. The demo keeps the
  // promise so that, after the pattern has answered, it can show how the write ended.
  const deferred: Promise<unknown>[] = [];
  const result = await getCachedOrFresh(kv, postKey(id), fetcher, { waitUntil: (p) => deferred.push(p) });
  await Promise.all(deferred);

  // A failed KV read that the origin answered is a miss that was served: a success, not an
  // ERROR. Only "no usable copy and the origin is down" fails, as OriginUnavailable (a 503).
  const cache: CacheStatus = result.source === 'cache' ? 'HIT' : 'MISS';
  const cacheWrite =
    result.source === 'cache' ? ('not needed' as const) : injected.includes(FAULT_MESSAGES.write) ? ('failed' as const) : ('stored' as const);
  return { cache, ...result, cacheWrite, injected, origin, timings: meter.timings() };
}

/** The JSON of GET /api/demos/errors/posts/:id (a missing post is a 404, the injected origin failure a 503). */
export type FaultyReadAnswer = Found<Awaited<ReturnType<typeof readPostWithFaults>>>;

/** The demo's first wait. The pattern starts at 1 s (KV's write rate per key); the demo
 *  shortens it so that giving up after four retries takes about 1.5 s instead of 15. */
export const DEMO_BASE_DELAY_MS = 100;

/**
 * Write a hot key while KV answers 429 to the first `rateLimitedPuts` attempts, retrying with
 * exponential backoff. Real waits: the timings show the backoff.
 */
export async function writeHotKey(env: DemoBindings, learner: LearnerScope, rateLimitedPuts: number) {
  const meter = new Meter();
  const injected: string[] = [];
  const kv = withFaults(meter.kv(scopeKv(env.KV, learner.kvPrefix)), { rateLimitedPuts }, injected);
  const value = JSON.stringify({ views: Date.now() });
  const waitedMs: number[] = [];
  const sleep = (ms: number) => {
    waitedMs.push(ms);
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  try {
    const { attempts } = await meter.time('backoff', () =>
      putWithBackoff(kv, 'hot:counter', value, { expirationTtl: 300 }, { retries: MAX_RETRIES, baseDelayMs: DEMO_BASE_DELAY_MS, sleep }),
    );
    return { ok: true, attempts, waitedMs, injected, timings: meter.timings() };
  } catch (error) {
    // Out of retries: report it as the demo's result, not as a server error.
    const message = `Gave up after ${injected.length} attempts: ${(error as Error).message}`;
    return { ok: false, attempts: injected.length, waitedMs, injected, message, timings: meter.timings() };
  }
}

/** The JSON of POST /api/demos/errors/hot-key: giving up is a result (`ok: false`), not an error. */
export type HotKeyAnswer = Awaited<ReturnType<typeof writeHotKey>>;
