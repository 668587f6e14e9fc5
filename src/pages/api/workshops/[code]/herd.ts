import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { startHerd } from '~/server/workshop/actions';
import { instructorWorkshop, optionalBody } from '~/server/workshop/guards';

const Run = z.object({ coalesce: z.boolean({ message: '"coalesce" must be true or false.' }).default(false) });

export const { POST, ALL } = endpoint({
  /**
   * "Everyone fetch the cold key now": {"coalesce": false} shows the thundering herd (every
   * miss loads the origin), {"coalesce": true} the same room with request coalescing.
   */
  POST: method({
    caller: instructorWorkshop,
    handler: async ({ caller, context }) => startHerd(caller.code, (await optionalBody(context.request, Run)).coalesce),
  }),
});
