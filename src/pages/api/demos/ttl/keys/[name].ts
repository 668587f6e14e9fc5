import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, methodNotAllowed } from '~/lib/http/respond';
import { readTtlKey, TTL_CHOICES } from '~/lib/demos/ttl';
import { demoResponse } from '~/server/demo-response';

const NAMES = [...TTL_CHOICES.map((c) => c.id), 'custom'];

/** Read one TTL key: HIT while it lives, MISS once KV has expired it. */
export const GET: APIRoute = async ({ params, locals }) => {
  const name = params.name ?? '';
  if (!NAMES.includes(name)) return errorJson(400, 'bad_request', `The key name must be one of: ${NAMES.join(', ')}.`);
  return demoResponse(locals, 'ttl', await readTtlKey(env, locals.learner, name));
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
