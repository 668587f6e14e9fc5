import { parseId } from '~/lib/http/parse';
import { HERD_FAN_OUT } from '~/lib/workshop/messages';
import { endpoint, method, queryInteger } from '~/server/endpoint';
import { fetchHerdKey } from '~/server/workshop/actions';
import { requireParticipant } from '~/server/workshop/guards';

export const { GET, ALL } = endpoint({
  /** A browser's fetches of the room's shared cold key in a herd run, `?clients=` of them at once. */
  GET: method({
    query: { clients: queryInteger(1, HERD_FAN_OUT, 1, `"clients" must be a whole number from 1 to ${HERD_FAN_OUT}.`) },
    demo: 'workshop-herd',
    caller: requireParticipant,
    // A malformed run is as absent as an unknown one (fetchHerdKey answers 404).
    handler: ({ query, caller, context }) => fetchHerdKey(context.locals, caller.workshop, parseId(context.params.run) ?? 0, query.clients),
  }),
});
