import { deletePost } from '~/lib/demos/invalidation';
import { postNotFound } from '~/lib/http/respond';
import { endpoint, method, oneOf, postId } from '~/server/endpoint';

/**
 * Delete a post for this learner and invalidate what was cached from it.
 * `?scope=item-only` shows the bug of forgetting the derived list and count.
 */
export const { DELETE, ALL } = endpoint({
  DELETE: method({
    params: { id: postId },
    query: { scope: oneOf(['all', 'item-only'], '"scope" is "all" (default) or "item-only".').default('all') },
    demo: 'invalidation',
    handler: async ({ params, query, learner, bindings }) => {
      const result = await deletePost(bindings, learner, params.id, query.scope);
      return result.deleted ? result : postNotFound(params.id);
    },
  }),
});
