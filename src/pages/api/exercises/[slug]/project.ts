import { env } from 'cloudflare:workers';
import { endpoint, method } from '~/server/endpoint';
import { exerciseSlug } from '~/server/exercises/registry';
import { downloadProject } from '~/server/exercises/project';

/** The learner's Worker project as a zip, once they passed (src/server/exercises/project.ts). */
export const { GET, ALL } = endpoint({
  GET: method({ params: { slug: exerciseSlug }, handler: ({ params, learner }) => downloadProject(env.DB, learner.id, params.slug) }),
});
