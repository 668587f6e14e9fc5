import { readOrigin } from '~/lib/demos/write-through';
import { postOr404 } from '~/lib/http/respond';
import { endpoint, method, postId } from '~/server/endpoint';

/** The post as the origin has it now, bypassing KV: the truth to compare a cached copy with. */
export const { GET, ALL } = endpoint({
  GET: method({
    params: { id: postId },
    demo: 'origin',
    handler: async ({ params, learner, bindings }) => postOr404(await readOrigin(bindings, learner, params.id), params.id),
  }),
});
