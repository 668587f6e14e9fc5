import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { revealSolution } from '~/lib/workshop/records';
import { EXERCISE_SLUGS, isExerciseSlug } from '~/server/exercises/registry';
import { endpoint } from '~/server/endpoint';
import { broadcast } from '~/server/workshop/actions';
import { instructorWorkshop } from '~/server/workshop/guards';

const Reveal = z.object({
  slug: z.string().refine(isExerciseSlug, { message: `"slug" must be one of: ${EXERCISE_SLUGS.join(', ')}.` }),
});

export const { POST, ALL } = endpoint({
  /**
   * Reveal an exercise's solution to the room: {"slug"}. The solution lock
   * (src/server/exercises/solution.ts) then answers it to every participant, and their open
   * exercise pages fetch it on the `kvlab:reveal` event.
   */
  POST: {
    body: Reveal,
    bodyLimit: 4 * 1024,
    async handler({ body, context }) {
      const { code } = await instructorWorkshop(context);
      await revealSolution(env.DB, code, body.slug);
      return { revealed: body.slug, delivered: await broadcast(code, { type: 'reveal', slug: body.slug }) };
    },
  },
});
