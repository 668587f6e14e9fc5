import { env } from 'cloudflare:workers';
import { json } from '../lib/http/respond';
import { queueDemoEvent } from '../lib/monitoring/events';
import type { CacheStatus, Timings } from '../lib/observe';

/**
 * What every demo answers: its result as JSON, with `X-Cache` and `Server-Timing` headers, and
 * (when the result says what the cache did) one event for the monitoring demo. endpoint()
 * answers a route declared `demo` through here.
 */
export interface DemoResult {
  /** What the cache did for this request; omitted by demos where it does not apply (not recorded then). */
  cache?: CacheStatus;
  timings: Timings;
  [extra: string]: unknown;
}

/** `kv;dur=1.2, d1;dur=14.8, total;dur=16.3` — readable in the browser's network panel. */
export function serverTiming(timings: Timings): string {
  return Object.entries(timings)
    .map(([phase, ms]) => `${phase};dur=${ms}`)
    .join(', ');
}

/** Answer a demo request and queue it for monitoring (written after the response). */
export function demoResponse(locals: App.Locals, demo: string, result: DemoResult, status = 200): Response {
  const headers = new Headers({ 'server-timing': serverTiming(result.timings) });
  if (result.cache) {
    headers.set('x-cache', result.cache);
    const ctx = locals.cfContext;
    queueDemoEvent(env.DB, locals.learner.id, { demo, cache: result.cache, totalMs: result.timings.total ?? 0 }, (p) =>
      ctx.waitUntil(p),
    );
  }
  return json(result, status, headers);
}
