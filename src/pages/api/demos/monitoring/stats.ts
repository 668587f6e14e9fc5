import { clearLearnerStats, learnerStats } from '~/lib/demos/monitoring';
import { endpoint, method } from '~/server/endpoint';

// Reading the statistics is not itself recorded (no `cache` field): the dashboard would
// otherwise count its own refreshes.
export const { GET, DELETE, ALL } = endpoint({
  GET: method({ demo: 'monitoring', handler: ({ learner, bindings }) => learnerStats(bindings, learner) }),
  DELETE: method({ demo: 'monitoring', handler: ({ learner, bindings }) => clearLearnerStats(bindings, learner) }),
});
