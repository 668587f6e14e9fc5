import { env } from 'cloudflare:workers';
import { endWorkshop } from '~/lib/workshop/records';
import { endpoint } from '~/server/endpoint';
import { broadcast } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /** End the workshop: no more joins or progress; participants are told, the data stays for export. */
  POST: {
    async handler({ context }) {
      const { code } = await instructorWorkshop(context);
      await endWorkshop(env.DB, code);
      await broadcast(code, { type: 'ended' });
      return { ended: true };
    },
  },
});
