import { recentPostsSwr } from '~/lib/demos/stale-while-revalidate';
import { endpoint, method, queryInteger } from '~/server/endpoint';

/** Recent posts through stale-while-revalidate; `?staleAfter=SECONDS` (1–3600, default 10). */
export const { GET, ALL } = endpoint({
  GET: method({
    query: { staleAfter: queryInteger(1, 3600, 10, '"staleAfter" is a whole number of seconds from 1 to 3600.') },
    demo: 'swr',
    handler: ({ query, learner, bindings, context }) =>
      recentPostsSwr(bindings, learner, query.staleAfter, (p) => context.locals.cfContext.waitUntil(p)),
  }),
});
