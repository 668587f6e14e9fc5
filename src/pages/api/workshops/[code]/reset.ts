import { z } from 'astro/zod';
import { PARTICIPANT_ID_PATTERN } from '~/lib/workshop/codes';
import { endpoint, method } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { reset } from '~/server/workshop/instructor';

export const { POST, ALL } = endpoint({
  /**
   * Reset namespaces: {"participant": id} for one, {"all": true} for the room. Cached keys
   * and origin edits go; progress stays. Open pages clear their demo panels.
   */
  POST: method({
    body: z.union([z.object({ all: z.literal(true) }), z.object({ participant: z.string().regex(PARTICIPANT_ID_PATTERN) })], {
      message: 'Send {"participant": "<id>"} or {"all": true}.',
    }),
    bodyLimit: 4 * 1024,
    caller: instructorWorkshop,
    handler: ({ body, caller }) => reset(caller, body),
  }),
});
