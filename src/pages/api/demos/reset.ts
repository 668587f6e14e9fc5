import { resetLearner } from '~/lib/demos/reset';
import { endpoint, method } from '~/server/endpoint';

// POST only: a GET that deleted data would run whenever a crawler or a prefetch followed the link.
export const { POST, ALL } = endpoint({
  POST: method({ handler: ({ learner, bindings }) => resetLearner(bindings, learner) }),
});
