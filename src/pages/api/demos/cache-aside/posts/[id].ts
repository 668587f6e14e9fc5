import { getPostCacheAside } from '~/lib/demos/cache-aside';
import { postOr404 } from '~/lib/http/respond';
import { endpoint, method, postId } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    params: { id: postId },
    demo: 'cache-aside',
    handler: async ({ params, learner, bindings }) => postOr404(await getPostCacheAside(bindings, learner, params.id), params.id),
  }),
});
