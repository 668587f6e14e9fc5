import { env } from 'cloudflare:workers';
import { exerciseHref, getExercises } from '~/course/exercises';
import { endpoint, method } from '~/server/endpoint';

export const { GET, ALL } = endpoint({
  GET: method({
    handler: async () => ({
      // False in a deployment without the Worker Loader: the exercise pages then say so.
      sandbox: Boolean(env.LOADER),
      exercises: (await getExercises()).map((e) => ({ slug: e.slug, title: e.data.title, summary: e.data.summary, href: exerciseHref(e.slug) })),
    }),
  }),
});
