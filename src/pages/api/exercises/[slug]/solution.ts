import { env } from 'cloudflare:workers';
import { endpoint, method } from '~/server/endpoint';
import { exerciseSlug } from '~/server/exercises/registry';
import { askForSolution, readSolution } from '~/server/exercises/solution';

const params = { slug: exerciseSlug };

/** The reference solution once this learner has earned it; POST asks for it after a run (src/server/exercises/solution.ts). */
export const { GET, POST, ALL } = endpoint({
  GET: method({ params, handler: ({ params, learner }) => readSolution(env.DB, learner.id, params.slug) }),
  POST: method({ params, handler: ({ params, learner }) => askForSolution(env.DB, learner.id, params.slug, Boolean(env.LOADER)) }),
});
