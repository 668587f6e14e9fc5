import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { writeHotKey } from '~/lib/demos/errors';
import { readJsonObject } from '~/lib/http/parse';
import { errorJson } from '~/lib/http/respond';
import { demoResponse } from '~/server/demo-response';

/** Write a hot key while KV answers 429 to the first `rateLimited` puts (0–6): `{"rateLimited":3}`. */
export const POST: APIRoute = async ({ request, locals }) => {
  const parsed = await readJsonObject(request, 1024);
  if (!parsed.ok) return parsed.response;
  const n = parsed.value.rateLimited;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 6) {
    return errorJson(400, 'bad_request', '"rateLimited" is how many puts answer 429 first: a whole number from 0 to 6.');
  }
  const result = await writeHotKey(env, locals.learner, n);
  return demoResponse(locals, 'errors', { ...result, data: null });
};
