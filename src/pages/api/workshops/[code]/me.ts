import { endpoint, method } from '~/server/endpoint';
import { requireParticipant } from '~/server/workshop/guards';
import { participantJson, workshopJson } from '~/server/workshop/present';

export const { GET, ALL } = endpoint({
  /** The calling participant and the workshop's current state (banner, reveals). */
  GET: method({
    caller: requireParticipant,
    handler: ({ caller: { workshop, participant }, context }) => ({ workshop: workshopJson(workshop, context.url.origin), participant: participantJson(participant) }),
  }),
});
