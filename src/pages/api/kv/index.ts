import { z } from 'astro/zod';
import { playgroundBulkGet, playgroundList } from '~/lib/demos/playground';
import { endpoint, method } from '~/server/endpoint';
import { answered, emptyOrDotKey } from '~/server/kv-playground';

const many = z.union([z.string(), z.array(z.string())]).transform((keys) => [keys].flat());

/** `?prefix=&limit=&cursor=` lists one page; `?keys=a&keys=b` is a bulk get of up to 100 keys. */
export const { GET, PUT, DELETE, ALL } = endpoint({
  GET: method({
    query: z.object({
      keys: many.optional(),
      prefix: z.string().default(''),
      // Checked by the playground, in KV's words: anything but digits arrives as NaN.
      limit: z.string().optional().transform((raw) => (raw === undefined ? 1000 : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN)),
      cursor: z.string().optional(),
    }),
    handler: async ({ query: { keys, ...page }, learner, bindings, context }) => {
      // /api/kv/ is where GET /api/kv/. arrives (src/server/kv-playground.ts); the listing is /api/kv.
      if (context.url.pathname.endsWith('/')) return emptyOrDotKey();
      return answered(keys ? await playgroundBulkGet(bindings.KV, learner, keys) : await playgroundList(bindings.KV, learner, page));
    },
  }),
  // PUT or DELETE without a key, or with "." (which arrives as /api/kv/): KV's rule, as for any key.
  PUT: method({ handler: emptyOrDotKey }),
  DELETE: method({ handler: emptyOrDotKey }),
});
