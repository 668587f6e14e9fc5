import { z } from 'astro/zod';
import { PLAYGROUND_VALUE_BYTES, playgroundDelete, playgroundGet, playgroundPut } from '~/lib/demos/playground';
import { endpoint, method, oneOf } from '~/server/endpoint';
import { answered, keyFromPath } from '~/server/kv-playground';

// The key comes from the raw path (keyFromPath), not from params, which Astro decodes its own way.
export const { GET, PUT, DELETE, ALL } = endpoint({
  /** `?type=text|json`, `?metadata=1` for getWithMetadata. */
  GET: method({
    query: { type: oneOf(['text', 'json'], '"type" is "text" or "json".').default('text'), metadata: z.unknown().optional() },
    handler: async ({ query, learner, bindings, context: { url } }) =>
      answered(await playgroundGet(bindings.KV, learner, keyFromPath(url), { type: query.type, withMetadata: query.metadata === '1' })),
  }),
  /** `{"value","expirationTtl"?,"expiration"?,"metadata"?}`, checked against KV's limits by the playground. */
  PUT: method({
    body: z.record(z.string(), z.unknown()),
    bodyLimit: PLAYGROUND_VALUE_BYTES + 4096,
    handler: async ({ body, learner, bindings, context: { url } }) => answered(await playgroundPut(bindings.KV, learner, keyFromPath(url), body)),
  }),
  DELETE: method({
    handler: async ({ learner, bindings, context: { url } }) => answered(await playgroundDelete(bindings.KV, learner, keyFromPath(url))),
  }),
});
