import { env } from 'cloudflare:workers';
import { endpoint } from '~/server/endpoint';
import { createConsoleTicket } from '~/server/workshop/auth';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /** A ticket that opens this workshop's live feed once, within a minute (WebSockets carry no Bearer header). */
  POST: {
    async handler({ context }) {
      const { code } = await instructorWorkshop(context);
      const { ticket, expiresAt } = await createConsoleTicket(env.DB, code);
      return { ticket, expiresAt, url: `/api/workshops/${code}/live?ticket=${encodeURIComponent(ticket)}` };
    },
  },
});
