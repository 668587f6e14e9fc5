import { z } from 'astro/zod';
import { readTtlKey, TTL_CHOICES } from '~/lib/demos/ttl';
import { endpoint, method } from '~/server/endpoint';

const NAMES = [...TTL_CHOICES.map((c) => c.id), 'custom'];

/** Read one TTL key: HIT while it lives, MISS once KV has expired it. */
export const { GET, ALL } = endpoint({
  GET: method({
    params: { name: z.string().refine((name) => NAMES.includes(name), `The key name must be one of: ${NAMES.join(', ')}.`) },
    demo: 'ttl',
    handler: ({ params, learner, bindings }) => readTtlKey(bindings, learner, params.name),
  }),
});
