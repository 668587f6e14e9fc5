import { viewProfile } from '~/lib/demos/anti-patterns';
import { endpoint, method, queryBoolean, simulatedUser } from '~/server/endpoint';

/** `?user=alice&scoped=false` — the profile page as that simulated user would see it. */
export const { GET, ALL } = endpoint({
  GET: method({
    query: { user: simulatedUser, scoped: queryBoolean('scoped').default(true) },
    demo: 'anti-patterns',
    handler: ({ query, learner, bindings }) => viewProfile(bindings, learner, query.user, query.scoped),
  }),
});
