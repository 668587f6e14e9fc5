import { z } from 'astro/zod';
import { getPostCacheAside } from '~/lib/demos/cache-aside';
import { postNotFound } from '~/lib/http/respond';
import { demoEnv } from '~/server/demo-env';
import { endpoint, method, postId } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    params: z.object({ id: postId }),
    demo: 'cache-aside',
    handler: async ({ params, learner, context }) => {
      const result = await getPostCacheAside(demoEnv(context.locals), learner, params.id);
      return result.data === null ? postNotFound(params.id) : result;
    },
  }),
});
