import { parseId } from '~/lib/http/parse';
import { endpoint, method } from '~/server/endpoint';
import { pollPropagation } from '~/server/workshop/actions';
import { requireParticipant } from '~/server/workshop/guards';

export const { GET, ALL } = endpoint({
  /** A participant's browser polls this until it sees the round's value (src/server/workshop/actions.ts). */
  GET: method({
    caller: requireParticipant,
    handler: ({ caller: { workshop, participant }, context: { params, locals, url, request } }) =>
      // A malformed round is one the instructor never started: 404 like any other.
      pollPropagation(locals, workshop, participant, parseId(params.round) ?? Number.MAX_SAFE_INTEGER, url, request),
  }),
});
