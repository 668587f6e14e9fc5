import { readDeletedCount } from '~/lib/demos/falsy';
import { endpoint, method, oneOf } from '~/server/endpoint';

/** A cached 0 read with `?check=truthy` (the bug) or `?check=null` (the fix). */
export const { GET, ALL } = endpoint({
  GET: method({
    query: { check: oneOf(['truthy', 'null'], '"check" is "truthy" or "null".').default('null') },
    demo: 'falsy-pitfall',
    handler: ({ query, learner, bindings }) => readDeletedCount(bindings, learner, query.check),
  }),
});
