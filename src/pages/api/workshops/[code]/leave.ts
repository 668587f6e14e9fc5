import { env } from 'cloudflare:workers';
import { endSession } from '~/lib/workshop/records';
import { endpoint } from '~/server/endpoint';
import { notifyRoom } from '~/server/workshop/actions';
import { clearSessionCookie } from '~/server/workshop/auth';
import { isSecure, requireParticipant } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /**
   * Leave: the session ends, the learner cookie stays. Joining again with the same code from
   * this browser restores the participant, their namespace and progress.
   */
  POST: {
    async handler({ context }) {
      const { workshop, participant } = await requireParticipant(context);
      await endSession(env.DB, participant.id);
      clearSessionCookie(context.cookies, isSecure(context.url));
      notifyRoom(context.locals, workshop.code);
      return { left: true };
    },
  },
});
