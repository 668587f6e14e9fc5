import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { KV_LIMITS, utf8Length } from '~/lib/kv/limits';
import { listByPrefix } from '~/lib/demos/key-design';
import { demoResponse } from '~/server/demo-response';

/** `?prefix=tenant:acme:` — the learner's keys that start with it (all of them when empty). */
export const GET: APIRoute = async ({ url, locals }) => {
  const prefix = url.searchParams.get('prefix') ?? '';
  const budget = KV_LIMITS.keyBytes - utf8Length(locals.learner.kvPrefix);
  if (utf8Length(prefix) > budget) {
    return errorJson(400, 'bad_request', `A prefix longer than a key can be matches nothing: at most ${budget} bytes here.`);
  }
  return demoResponse(locals, 'key-design', await listByPrefix(env, locals.learner, prefix));
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
