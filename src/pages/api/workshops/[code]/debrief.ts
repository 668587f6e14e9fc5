import { endpoint, method, queryBoolean } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { debrief } from '~/server/workshop/instructor';

export const { GET, ALL } = endpoint({
  /** Every answered question in the lessons' words: choices with counts, reflections in full (`?anonymous=true` hides names). */
  GET: method({
    query: { anonymous: queryBoolean('anonymous').default(false) },
    caller: instructorWorkshop,
    handler: ({ query, caller }) => debrief(caller, query.anonymous),
  }),
});
