import { endpoint, method, queryInteger } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { dashboard } from '~/server/workshop/instructor';

export const { GET, ALL } = endpoint({
  /**
   * The instructor's view of the room: participants with section, progress, exercises and
   * "stuck" (no progress for `?stuckMinutes=` minutes), room hit rate and latency, answer
   * counts, the propagation lab and herd runs. Consoles receive the same object live.
   */
  GET: method({
    query: { stuckMinutes: queryInteger(1, 180, 5, '"stuckMinutes" must be a whole number of minutes from 1 to 180.') },
    caller: instructorWorkshop,
    handler: ({ query, caller, context }) => dashboard(caller, context.url.origin, query.stuckMinutes),
  }),
});
