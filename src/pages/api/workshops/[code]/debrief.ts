import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { anonymise, loadDebrief } from '~/lib/workshop/debrief';
import { endpoint, queryBoolean } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';

export const { GET, ALL } = endpoint({
  /** Every answered question in the lessons' words: choices with counts, reflections in full (`?anonymous=true` hides names). */
  GET: {
    query: z.object({ anonymous: queryBoolean('anonymous').default(false) }),
    async handler({ query, context }) {
      const workshop = await instructorWorkshop(context);
      const questions = await loadDebrief(env.DB, workshop.code);
      return { questions: query.anonymous ? anonymise(questions) : questions };
    },
  },
});
