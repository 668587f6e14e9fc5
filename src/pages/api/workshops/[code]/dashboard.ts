import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { loadDashboard } from '~/lib/workshop/dashboard';
import { endpoint } from '~/server/endpoint';
import { roomOf } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';
import { workshopJson } from '~/server/workshop/present';

const Query = z.object({
  stuckMinutes: z
    .string()
    .regex(/^\d{1,3}$/, '"stuckMinutes" must be a whole number of minutes from 1 to 180.')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 180, '"stuckMinutes" must be a whole number of minutes from 1 to 180.')
    .default(5),
});

export const { GET, ALL } = endpoint({
  /**
   * The instructor's view of the room: participants with section, progress, exercises and
   * "stuck" (no progress for `?stuckMinutes=` minutes), room hit rate and latency, answer
   * counts, the propagation lab and herd runs. Consoles receive the same object live.
   */
  GET: {
    query: Query,
    async handler({ query, context }) {
      const workshop = await instructorWorkshop(context);
      const online = new Set(await roomOf(workshop.code).online());
      const dashboard = await loadDashboard(env.DB, workshop, online, { stuckMinutes: query.stuckMinutes });
      return { ...dashboard, workshop: workshopJson(workshop, context.url.origin) };
    },
  },
});
