import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { deletePost } from '~/lib/demos/posts';
import { parseId } from '~/lib/http/parse';
import { badPostId, errorJson, postNotFound } from '~/lib/http/respond';
import { demoResponse } from '~/server/demo-response';

/**
 * Delete a post for this learner and invalidate what was cached from it.
 * `?scope=item-only` shows the bug of forgetting the derived list and count.
 */
export const DELETE: APIRoute = async ({ params, url, locals }) => {
  const id = parseId(params.id);
  if (id === null) return badPostId();
  const scope = url.searchParams.get('scope') ?? 'all';
  if (scope !== 'all' && scope !== 'item-only') {
    return errorJson(400, 'bad_request', '"scope" is "all" (default) or "item-only".');
  }
  const result = await deletePost(env, locals.learner, id, scope);
  if (!result.deleted) return postNotFound(id);
  return demoResponse(locals, 'invalidation', { ...result, data: null });
};
