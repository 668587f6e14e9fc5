import { env } from 'cloudflare:workers';
import { demoJson, type DemoResult } from '../lib/http/respond';
import { recordDemoEvent } from '../lib/monitoring/events';

/**
 * Answer a demo request and record it for monitoring. The record is written after the
 * response through `waitUntil`: a Worker may cancel un-awaited work once it has responded.
 */
export function demoResponse(locals: App.Locals, demo: string, result: DemoResult, status = 200): Response {
  if (result.cache) {
    locals.cfContext.waitUntil(
      recordDemoEvent(env.DB, locals.learner.id, { demo, cache: result.cache, totalMs: result.timings.total ?? 0 }),
    );
  }
  return demoJson(result, status);
}
