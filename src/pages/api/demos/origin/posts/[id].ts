import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { readOrigin } from '~/lib/demos/posts';
import { parseId } from '~/lib/http/parse';
import { badPostId, postNotFound } from '~/lib/http/respond';
import { demoResponse } from '~/server/demo-response';

/** The post as the origin has it now, bypassing KV: the truth to compare a cached copy with. */
export const GET: APIRoute = async ({ params, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const result = await readOrigin(env, locals.learner, id);
  if (result.data === null) return postNotFound(id);
  return demoResponse(locals, 'origin', result);
};
