import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson } from '~/lib/http/respond';
import { parseId } from '~/lib/http/parse';
import { getPostCacheAside } from '~/lib/demos/cache-aside';
import { demoResponse } from '~/server/demo-response';

export const GET: APIRoute = async ({ params, locals }) => {
  const id = parseId(params.id);
  if (id === null) {
    return errorJson(400, 'bad_request', 'A post id is a whole number from 1 upwards, like /posts/3.');
  }
  const result = await getPostCacheAside(env, locals.learner, id);
  if (result.data === null) {
    return errorJson(404, 'not_found', `There is no post ${id}. The seed data has posts 1 to 30.`);
  }
  return demoResponse(locals, 'cache-aside', result);
};
