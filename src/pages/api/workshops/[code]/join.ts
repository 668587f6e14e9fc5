import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { cleanName } from '~/lib/workshop/codes';
import { joinWorkshop } from '~/lib/workshop/records';
import { json } from '~/lib/http/respond';
import { setLearnerCookie } from '~/server/learner';
import { BUDGETS, spend } from '~/server/limits';
import { endpoint, HttpError } from '~/server/endpoint';
import { notifyRoom } from '~/server/workshop/actions';
import { sessionToken, setSessionCookie } from '~/server/workshop/auth';
import { findWorkshop, isSecure } from '~/server/workshop/guards';
import { participantJson, workshopJson } from '~/server/workshop/present';

export const { POST, ALL } = endpoint({
  /**
   * Join with a display name (no account). Sets the participant's session cookie and points
   * `kvlab_learner` at the participant's own learner id, so every demo is isolated per
   * participant. Coming back (same browser) restores the same participant and namespace.
   */
  POST: {
    // The name is checked by cleanName, the one rule for names shown to the room.
    body: z.object({ name: z.unknown() }),
    bodyLimit: 4 * 1024,
    async handler({ body, context }) {
      // Per address before anything else (also bounds guessing codes); per workshop once it is known.
      const fromAddress = await spend(BUDGETS.joinAddress, `join:${context.locals.address}`);
      if (fromAddress) return fromAddress;
      const workshop = await findWorkshop(context.params.code);
      if (workshop.endedAt !== null) throw new HttpError(410, 'gone', 'This workshop has ended. The course itself stays open at /.');
      const name = cleanName(body.name);
      if (!name.ok) throw new HttpError(400, 'bad_request', name.message);
      const intoWorkshop = await spend(BUDGETS.joinWorkshop, `join:${workshop.code}`);
      if (intoWorkshop) return intoWorkshop;

      const { participant, sessionToken: token, rejoined } = await joinWorkshop(env.DB, workshop.code, name.value, {
        sessionToken: sessionToken(context.cookies),
        learnerId: context.locals.learner.id,
      });
      const secure = isSecure(context.url);
      setSessionCookie(context.cookies, token, secure);
      await setLearnerCookie(context.cookies, participant.learnerId, secure);
      notifyRoom(context.locals, workshop.code);
      return json({ workshop: workshopJson(workshop, context.url.origin), participant: participantJson(participant), rejoined }, rejoined ? 200 : 201);
    },
  },
});
