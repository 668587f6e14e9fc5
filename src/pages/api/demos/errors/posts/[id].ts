import { z } from 'astro/zod';
import { OriginUnavailable, parseFaults, readPostWithFaults } from '~/lib/demos/errors';
import { postOr404 } from '~/lib/http/respond';
import { checkedBy, endpoint, HttpError, method, postId } from '~/server/endpoint';

/** Read a post through getCachedOrFresh with injected faults: `?faults=read,write,origin`. */
export const { GET, ALL } = endpoint({
  GET: method({
    params: { id: postId },
    query: { faults: z.string().default('').pipe(checkedBy(parseFaults)) },
    demo: 'errors',
    handler: async ({ params, query, learner, bindings }) => {
      const result = await readPostWithFaults(bindings, learner, params.id, query.faults).catch((error) => {
        if (error instanceof OriginUnavailable) throw new HttpError(503, 'origin_unavailable', error.message, { 'x-cache': 'ERROR' });
        throw error;
      });
      return postOr404(result, params.id);
    },
  }),
});
