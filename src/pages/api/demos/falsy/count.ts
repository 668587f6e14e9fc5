import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { readDeletedCount } from '~/lib/demos/falsy';
import { errorJson } from '~/lib/http/respond';
import { demoResponse } from '~/server/demo-response';

/** A cached 0 read with `?check=truthy` (the bug) or `?check=null` (the fix). */
export const GET: APIRoute = async ({ url, locals }) => {
  const check = url.searchParams.get('check') ?? 'null';
  if (check !== 'truthy' && check !== 'null') return errorJson(400, 'bad_request', '"check" is "truthy" or "null".');
  return demoResponse(locals, 'falsy-pitfall', await readDeletedCount(env, locals.learner, check));
};
