import { endpoint, method, oneOf, queryBoolean } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { exportWorkshop } from '~/server/workshop/instructor';

export const { GET, ALL } = endpoint({
  /** The workshop's records as a download: `?format=json|csv`, for CSV `?of=participants|answers`, `?anonymous=true`. */
  GET: method({
    query: {
      format: oneOf(['json', 'csv'], '"format" must be "json" or "csv".').default('json'),
      of: oneOf(['participants', 'answers'], '"of" must be "participants" or "answers".').default('participants'),
      anonymous: queryBoolean('anonymous').default(false),
    },
    caller: instructorWorkshop,
    handler: ({ query, caller }) => exportWorkshop(caller, query),
  }),
});
