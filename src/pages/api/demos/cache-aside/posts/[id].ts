import { getPostCacheAside } from '~/lib/demos/cache-aside';
import { postNotFound } from '~/lib/http/respond';
import { endpoint, method, postId } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    params: { id: postId },
    demo: 'cache-aside',
    handler: async ({ params, learner, bindings }) => {
      const result = await getPostCacheAside(bindings, learner, params.id);
      return result.data === null ? postNotFound(params.id) : result;
    },
  }),
});
