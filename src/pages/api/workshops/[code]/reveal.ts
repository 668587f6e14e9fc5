import { z } from 'astro/zod';
import { endpoint, method } from '~/server/endpoint';
import { EXERCISE_SLUGS, isExerciseSlug } from '~/server/exercises/registry';
import { instructorWorkshop } from '~/server/workshop/guards';
import { reveal } from '~/server/workshop/instructor';

export const { POST, ALL } = endpoint({
  /**
   * Reveal an exercise's solution to the room: {"slug"}. The solution lock
   * (src/server/exercises/solution.ts) then answers it to every participant, and their open
   * exercise pages fetch it on the `kvlab:reveal` event.
   */
  POST: method({
    body: { slug: z.string().refine(isExerciseSlug, { message: `"slug" must be one of: ${EXERCISE_SLUGS.join(', ')}.` }) },
    bodyLimit: 4 * 1024,
    caller: instructorWorkshop,
    handler: ({ body, caller }) => reveal(caller, body.slug),
  }),
});
