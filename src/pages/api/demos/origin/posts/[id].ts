import type { APIRoute } from 'astro';
import { readOrigin } from '~/lib/demos/write-through';
import { parseId } from '~/lib/http/parse';
import { badPostId, postNotFound } from '~/lib/http/respond';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

/** The post as the origin has it now, bypassing KV: the truth to compare a cached copy with. */
export const GET: APIRoute = async ({ params, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const result = await readOrigin(demoEnv(locals), locals.learner, id);
  if (result.data === null) return postNotFound(id);
  return demoResponse(locals, 'origin', result);
};
