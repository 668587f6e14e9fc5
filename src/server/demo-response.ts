import { env } from 'cloudflare:workers';
import { demoJson, type DemoResult } from '../lib/http/respond';
import { queueDemoEvent } from '../lib/monitoring/events';

/** Answer a demo request and queue it for monitoring (written after the response). */
export function demoResponse(locals: App.Locals, demo: string, result: DemoResult, status = 200): Response {
  if (result.cache) {
    const ctx = locals.cfContext;
    queueDemoEvent(env.DB, locals.learner.id, { demo, cache: result.cache, totalMs: result.timings.total ?? 0 }, (p) =>
      ctx.waitUntil(p),
    );
  }
  return demoJson(result, status);
}
