import { compareValueSize, VALUE_SHAPES } from '~/lib/demos/anti-patterns';
import { endpoint, method, oneOf, wholeNumber } from '~/server/endpoint';
import { withGiantValueSlot } from '~/server/limits';

/** `{"shape":"giant"|"small"|"query","postId":3}` — answer one question three ways, measured. */
export const { POST, ALL } = endpoint({
  POST: method({
    body: { shape: oneOf(VALUE_SHAPES, `"shape" must be one of: ${VALUE_SHAPES.join(', ')}.`), postId: wholeNumber('postId', 1, 30).default(3) },
    bodyLimit: 1024,
    demo: 'anti-patterns',
    handler: ({ body, learner, bindings, context }) => {
      const build = () => compareValueSize(bindings, learner, body.shape, body.postId);
      return body.shape === 'giant' ? withGiantValueSlot(learner.id, context.locals.address, build) : build();
    },
  }),
});
