import { parseId } from '~/lib/http/parse';
import { endpoint } from '~/server/endpoint';
import { fetchHerdKey } from '~/server/workshop/actions';
import { requireParticipant } from '~/server/workshop/guards';

export const { GET, ALL } = endpoint({
  /** One fetch of the room's shared cold key in a herd run (each browser fires several at once). */
  GET: {
    demo: 'workshop-herd',
    async handler({ context }) {
      const { workshop } = await requireParticipant(context);
      // A malformed run is as absent as an unknown one (fetchHerdKey answers 404).
      return fetchHerdKey(context.locals, workshop, parseId(context.params.run) ?? 0);
    },
  },
});
