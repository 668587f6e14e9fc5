import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { recordProgress } from '~/lib/workshop/records';
import { parseProgress } from '~/lib/workshop/validate';
import { endpoint, HttpError } from '~/server/endpoint';
import { notifyRoom } from '~/server/workshop/actions';
import { requireParticipant, stillRunning } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /**
   * The participant's progress and whereabouts, forwarded by the workshop bar from the
   * lesson pages' `kvlab:progress` events. Body: {"done"?: string[], "lesson"?, "section"?}.
   */
  POST: {
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 32 * 1024,
    async handler({ body, context }) {
      const { workshop, participant } = await requireParticipant(context);
      stillRunning(workshop, 'progress is');
      const update = parseProgress(body);
      if (!update.ok) throw new HttpError(400, 'bad_request', update.message);
      const result = await recordProgress(env.DB, participant, update.value);
      notifyRoom(context.locals, workshop.code);
      return { done: result.done.length, progressed: result.progressed };
    },
  },
});
