import { endpoint } from '~/server/endpoint';
import { startPropagationRound } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /** Propagation lab: write a new value to the room's key and tell every browser to watch for it. */
  POST: {
    async handler({ context }) {
      return startPropagationRound(await instructorWorkshop(context), context.url, context.request);
    },
  },
});
