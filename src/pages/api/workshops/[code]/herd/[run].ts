import { z } from 'astro/zod';
import { parseId } from '~/lib/http/parse';
import { HERD_FAN_OUT } from '~/lib/workshop/messages';
import { endpoint } from '~/server/endpoint';
import { fetchHerdKey } from '~/server/workshop/actions';
import { requireParticipant } from '~/server/workshop/guards';

const Query = z.object({
  clients: z
    .string()
    .regex(/^\d{1,2}$/, `"clients" must be a whole number from 1 to ${HERD_FAN_OUT}.`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= HERD_FAN_OUT, `"clients" must be a whole number from 1 to ${HERD_FAN_OUT}.`)
    .default(1),
});

export const { GET, ALL } = endpoint({
  /** A browser's fetches of the room's shared cold key in a herd run, `?clients=` of them at once. */
  GET: {
    query: Query,
    demo: 'workshop-herd',
    async handler({ query, context }) {
      const { workshop } = await requireParticipant(context);
      // A malformed run is as absent as an unknown one (fetchHerdKey answers 404).
      return fetchHerdKey(context.locals, workshop, parseId(context.params.run) ?? 0, query.clients);
    },
  },
});
