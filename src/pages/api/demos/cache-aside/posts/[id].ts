import type { APIRoute } from 'astro';
import { badPostId, postNotFound } from '~/lib/http/respond';
import { parseId } from '~/lib/http/parse';
import { getPostCacheAside } from '~/lib/demos/cache-aside';
import { demoEnv } from '~/server/demo-env';
import { demoResponse } from '~/server/demo-response';

export const GET: APIRoute = async ({ params, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const result = await getPostCacheAside(demoEnv(locals), locals.learner, id);
  if (result.data === null) return postNotFound(id);
  return demoResponse(locals, 'cache-aside', result);
};
