import { writeHotKey } from '~/lib/demos/errors';
import { endpoint, method, wholeNumber } from '~/server/endpoint';

/** Write a hot key while KV answers 429 to the first `rateLimited` puts (0–6): `{"rateLimited":3}`. */
export const { POST, ALL } = endpoint({
  POST: method({
    body: { rateLimited: wholeNumber('rateLimited', 0, 6, '"rateLimited" is how many puts answer 429 first: a whole number from 0 to 6.') },
    bodyLimit: 1024,
    demo: 'errors',
    handler: ({ body, learner, bindings }) => writeHotKey(bindings, learner, body.rateLimited),
  }),
});
