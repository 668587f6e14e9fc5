import { cacheSearches } from '~/lib/demos/anti-patterns';
import { bool, endpoint, method, wholeNumber } from '~/server/endpoint';

/** `{"count":10,"withExpiration":false}` — cache that many search results and list the pile. */
export const { POST, ALL } = endpoint({
  POST: method({
    // At most 20 per click: each key is a real KV write, and the free plan allows 1,000 a day.
    body: { count: wholeNumber('count', 1, 20), withExpiration: bool('withExpiration') },
    bodyLimit: 1024,
    demo: 'anti-patterns',
    handler: ({ body, learner, bindings }) => cacheSearches(bindings, learner, body.count, body.withExpiration),
  }),
});
