import { z } from 'astro/zod';
import { compareValueSize, VALUE_SHAPES } from '~/lib/demos/anti-patterns';
import { endpoint, method, oneOf, wholeNumber } from '~/server/endpoint';
import { admitGiantValue } from '~/server/limits';

/** `{"shape":"giant"|"small"|"query","postId":3}` — answer one question three ways, measured. */
export const { POST, ALL } = endpoint({
  POST: method({
    body: z.object({
      shape: oneOf(VALUE_SHAPES, `"shape" must be one of: ${VALUE_SHAPES.join(', ')}.`),
      postId: wholeNumber('postId', 1, 30).default(3),
    }),
    bodyLimit: 1024,
    demo: 'anti-patterns',
    handler: async ({ body, learner, bindings, context }) => {
      const release = body.shape === 'giant' ? await admitGiantValue(learner.id, context.locals.address) : () => {};
      try {
        return await compareValueSize(bindings, learner, body.shape, body.postId);
      } finally {
        release();
      }
    },
  }),
});
