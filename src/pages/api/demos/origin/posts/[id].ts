import { readOrigin } from '~/lib/demos/write-through';
import { postNotFound } from '~/lib/http/respond';
import { endpoint, method, postId } from '~/server/endpoint';

/** The post as the origin has it now, bypassing KV: the truth to compare a cached copy with. */
export const { GET, ALL } = endpoint({
  GET: method({
    params: { id: postId },
    demo: 'origin',
    handler: async ({ params, learner, bindings }) => {
      const result = await readOrigin(bindings, learner, params.id);
      return result.data === null ? postNotFound(params.id) : result;
    },
  }),
});
