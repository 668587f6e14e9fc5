import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { PLAYGROUND_VALUE_BYTES, playgroundDelete, playgroundGet, playgroundPut } from '~/lib/demos/playground';
import { readJsonObject } from '~/lib/http/parse';
import { errorJson, json } from '~/lib/http/respond';

/** The key is everything after /api/kv/, percent-decoded: keys may contain `/` and spaces. */
function keyFrom(url: URL): string | Response {
  try {
    return decodeURIComponent(url.pathname.slice('/api/kv/'.length));
  } catch {
    return errorJson(400, 'bad_request', 'The key in the URL is not valid percent-encoding.');
  }
}

const answer = (result: { error: string } | Record<string, unknown>) =>
  'error' in result && typeof result.error === 'string' ? errorJson(400, 'bad_request', result.error) : json(result);

/** `?type=text|json`, `?metadata=1` for getWithMetadata. */
export const GET: APIRoute = async ({ url, locals }) => {
  const key = keyFrom(url);
  if (key instanceof Response) return key;
  const type = url.searchParams.get('type') ?? 'text';
  if (type !== 'text' && type !== 'json') return errorJson(400, 'bad_request', '"type" is "text" or "json".');
  return answer(await playgroundGet(env.KV, locals.learner, key, { type, withMetadata: url.searchParams.get('metadata') === '1' }));
};

/** `{"value","expirationTtl"?,"expiration"?,"metadata"?}` */
export const PUT: APIRoute = async ({ url, request, locals }) => {
  const key = keyFrom(url);
  if (key instanceof Response) return key;
  const body = await readJsonObject(request, PLAYGROUND_VALUE_BYTES + 4096);
  if (!body.ok) return body.response;
  return answer(await playgroundPut(env.KV, locals.learner, key, body.value));
};

export const DELETE: APIRoute = async ({ url, locals }) => {
  const key = keyFrom(url);
  if (key instanceof Response) return key;
  return answer(await playgroundDelete(env.KV, locals.learner, key));
};
