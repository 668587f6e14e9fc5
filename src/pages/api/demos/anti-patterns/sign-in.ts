import { signIn } from '~/lib/demos/anti-patterns';
import { bool, endpoint, method, simulatedUser } from '~/server/endpoint';

/** `{"user":"alice","scoped":false}` — a simulated user signs in and their profile is cached. */
export const { POST, ALL } = endpoint({
  POST: method({
    body: { user: simulatedUser, scoped: bool('scoped') },
    bodyLimit: 1024,
    demo: 'anti-patterns',
    handler: ({ body, learner, bindings }) => signIn(bindings, learner, body.user, body.scoped),
  }),
});
