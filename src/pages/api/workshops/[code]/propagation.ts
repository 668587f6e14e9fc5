import { endpoint, method } from '~/server/endpoint';
import { startPropagationRound } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /** Propagation lab: write a new value to the room's key and tell every browser to watch for it. */
  POST: method({ caller: instructorWorkshop, handler: ({ caller, context }) => startPropagationRound(caller, context.url, context.request) }),
});
