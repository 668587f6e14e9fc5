import { parseId } from '~/lib/http/parse';
import { endpoint } from '~/server/endpoint';
import { pollPropagation } from '~/server/workshop/actions';
import { requireParticipant } from '~/server/workshop/guards';

export const { GET, ALL } = endpoint({
  /** A participant's browser polls this until it sees the round's value (src/server/workshop/actions.ts). */
  GET: {
    async handler({ context }) {
      const { workshop, participant } = await requireParticipant(context);
      // A malformed round is one the instructor never started: 404 like any other.
      const round = parseId(context.params.round) ?? Number.MAX_SAFE_INTEGER;
      return pollPropagation(context.locals, workshop, participant, round, context.url, context.request);
    },
  },
});
