import { endpoint, method } from '~/server/endpoint';

/**
 * The benchmark's baseline: one KV read of the learner's `post:1` key and nothing else, so
 * `npm run bench` can measure what the cache-aside demo adds on top (timing, shaping,
 * the monitoring record) in the same runtime.
 */
export const { GET, ALL } = endpoint({
  GET: method({ handler: async ({ learner, bindings }) => ({ found: (await bindings.KV.get(`${learner.kvPrefix}post:1`, 'json')) !== null }) }),
});
