import { z } from 'astro/zod';
import { listByPrefix } from '~/lib/demos/key-design';
import { KV_LIMITS, utf8Length } from '~/lib/kv/limits';
import { endpoint, HttpError, method } from '~/server/endpoint';

/** `?prefix=tenant:acme:` — the learner's keys that start with it (all of them when empty). */
export const { GET, ALL } = endpoint({
  GET: method({
    query: { prefix: z.string().default('') },
    demo: 'key-design',
    handler: ({ query, learner, bindings }) => {
      // The budget depends on the learner's own key prefix, which no schema knows.
      const budget = KV_LIMITS.keyBytes - utf8Length(learner.kvPrefix);
      if (utf8Length(query.prefix) > budget) {
        throw new HttpError(400, 'bad_request', `A prefix longer than a key can be matches nothing: at most ${budget} bytes here.`);
      }
      return listByPrefix(bindings, learner, query.prefix);
    },
  }),
});
