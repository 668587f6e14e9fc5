import { postsSummary } from '~/lib/demos/invalidation';
import { endpoint, method } from '~/server/endpoint';

/** The cached recent-posts list and post count: the keys a delete must invalidate. */
export const { GET, ALL } = endpoint({
  GET: method({ demo: 'invalidation', handler: ({ learner, bindings }) => postsSummary(bindings, learner) }),
});
