import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { setSection } from '~/lib/workshop/records';
import { parseSection } from '~/lib/workshop/validate';
import { endpoint, HttpError } from '~/server/endpoint';
import { broadcast } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { POST, ALL } = endpoint({
  /** Send the room to a section: {"lesson", "section"?, "label"?}. Participants see a banner. */
  POST: {
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 4 * 1024,
    async handler({ body, context }) {
      const { code } = await instructorWorkshop(context);
      const parsed = parseSection(body);
      if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
      const section = await setSection(env.DB, code, parsed.value);
      return { section, delivered: await broadcast(code, { type: 'section', section }) };
    },
  },
});
