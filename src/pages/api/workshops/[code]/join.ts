import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { join } from '~/server/workshop/participant';

export const { POST, ALL } = endpoint({
  /**
   * Join with a display name (no account). Sets the participant's session cookie and points
   * `kvlab_learner` at the participant's own learner id, so every demo is isolated per
   * participant. Coming back (same browser) restores the same participant and namespace.
   */
  POST: method({
    // The name is checked by cleanName (in join), the one rule for names shown to the room.
    body: { name: z.unknown() },
    bodyLimit: 4 * 1024,
    handler: ({ body, context }) => join(context, body.name),
  }),
});
