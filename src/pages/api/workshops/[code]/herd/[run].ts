import { parseId } from '~/lib/http/parse';
import { HERD_FAN_OUT } from '~/lib/workshop/messages';
import { endpoint, method, queryInteger } from '~/server/endpoint';
import { herdTicketQuery } from '~/server/schemas';
import { fetchHerdKey } from '~/server/workshop/actions';

export const { GET, ALL } = endpoint({
  /** A browser's fetches of the room's shared cold key in a herd run, `?clients=` at once, admitted by the run's `ticket`. */
  GET: method({
    query: { clients: queryInteger(1, HERD_FAN_OUT, 1, `"clients" must be a whole number from 1 to ${HERD_FAN_OUT}.`), ticket: herdTicketQuery },
    demo: 'workshop-herd',
    // A malformed run is as absent as an unknown one (its ticket cannot match).
    handler: ({ query, context }) => fetchHerdKey(context.locals, context.params.code, parseId(context.params.run) ?? 0, query.clients, query.ticket),
  }),
});
