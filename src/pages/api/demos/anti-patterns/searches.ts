import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { booleanField, integerField } from '~/lib/http/fields';
import { cacheSearches } from '~/lib/demos/anti-patterns';
import { demoResponse } from '~/server/demo-response';

/** `{"count":10,"withExpiration":false}` — cache that many search results and list the pile. */
export const POST: APIRoute = async ({ request, locals }) => {
  const body = await readJsonObject(request, 1024);
  if (!body.ok) return body.response;
  // At most 20 per click: each key is a real KV write, and the free plan allows 1,000 a day.
  const count = integerField(body.value, 'count', { min: 1, max: 20 });
  if (!count.ok) return errorJson(400, 'bad_request', count.message);
  const withExpiration = booleanField(body.value, 'withExpiration');
  if (!withExpiration.ok) return errorJson(400, 'bad_request', withExpiration.message);
  return demoResponse(
    locals,
    'anti-patterns',
    await cacheSearches(env, locals.learner, count.value, withExpiration.value),
  );
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
