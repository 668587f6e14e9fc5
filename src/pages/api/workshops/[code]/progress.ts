import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { requireParticipant } from '~/server/workshop/guards';
import { saveProgress } from '~/server/workshop/participant';

export const { POST, ALL } = endpoint({
  /**
   * The participant's progress and whereabouts, forwarded by the workshop bar from the
   * lesson pages' `kvlab:progress` events. Body: {"done"?: string[], "lesson"?, "section"?}.
   */
  POST: method({
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 32 * 1024,
    caller: requireParticipant,
    handler: ({ body, caller, context }) => saveProgress(context.locals, caller, body),
  }),
});
