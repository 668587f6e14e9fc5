import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { recentPostsSwr } from '~/lib/demos/posts';
import { errorJson } from '~/lib/http/respond';
import { demoResponse } from '~/server/demo-response';

/** Recent posts through stale-while-revalidate; `?staleAfter=SECONDS` (1–3600, default 10). */
export const GET: APIRoute = async ({ url, locals }) => {
  const raw = url.searchParams.get('staleAfter') ?? '10';
  const staleAfter = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(staleAfter >= 1 && staleAfter <= 3600)) {
    return errorJson(400, 'bad_request', '"staleAfter" is a whole number of seconds from 1 to 3600.');
  }
  const ctx = locals.cfContext;
  const result = await recentPostsSwr(env, locals.learner, staleAfter, (p) => ctx.waitUntil(p));
  return demoResponse(locals, 'swr', result);
};
