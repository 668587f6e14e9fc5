import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { PARTICIPANT_ID_PATTERN } from '~/lib/workshop/codes';
import { listParticipants, participantById } from '~/lib/workshop/records';
import { endpoint, HttpError } from '~/server/endpoint';
import { resetParticipants } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

const Target = z.union(
  [z.object({ all: z.literal(true) }), z.object({ participant: z.string().regex(PARTICIPANT_ID_PATTERN) })],
  { message: 'Send {"participant": "<id>"} or {"all": true}.' },
);

export const { POST, ALL } = endpoint({
  /**
   * Reset namespaces: {"participant": id} for one, {"all": true} for the room. Cached keys
   * and origin edits go; progress stays. Open pages clear their demo panels.
   */
  POST: {
    body: Target,
    bodyLimit: 4 * 1024,
    async handler({ body, context }) {
      const { code } = await instructorWorkshop(context);
      if ('all' in body) return resetParticipants(code, await listParticipants(env.DB, code), true);
      const one = await participantById(env.DB, code, body.participant);
      if (!one) throw new HttpError(404, 'not_found', 'No participant with this id in this workshop.');
      return resetParticipants(code, [one], false);
    },
  },
});
