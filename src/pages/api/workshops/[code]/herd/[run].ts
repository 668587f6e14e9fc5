import { z } from 'astro/zod';
import { parseId } from '~/lib/http/parse';
import { HERD_FAN_OUT } from '~/lib/workshop/messages';
import { endpoint, method, queryInteger } from '~/server/endpoint';
import { fetchHerdKey } from '~/server/workshop/actions';

const noTicket = '"ticket" must be the herd run\'s ticket from the instructor\'s signal (22 letters, digits, "-" or "_").';

export const { GET, ALL } = endpoint({
  /**
   * A browser's fetches of the room's shared cold key in a herd run, `?clients=` of them at once.
   * Admitted by the run's ticket (the room's signal carries it), not a participant lookup.
   */
  GET: method({
    query: {
      clients: queryInteger(1, HERD_FAN_OUT, 1, `"clients" must be a whole number from 1 to ${HERD_FAN_OUT}.`),
      ticket: z.string({ error: noTicket }).regex(/^[A-Za-z0-9_-]{22}$/, noTicket),
    },
    demo: 'workshop-herd',
    // A malformed run is as absent as an unknown one (its ticket cannot match).
    handler: ({ query, context }) => fetchHerdKey(context.locals, context.params.code, parseId(context.params.run) ?? 0, query.clients, query.ticket),
  }),
});
