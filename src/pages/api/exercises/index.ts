import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json } from '~/lib/http/respond';
import { exerciseHref, getExercises } from '~/course/exercises';

export const GET: APIRoute = async () => {
  const exercises = await getExercises();
  return json({
    // False in a deployment without the Worker Loader: the exercise pages then say so.
    sandbox: Boolean(env.LOADER),
    exercises: exercises.map((e) => ({ slug: e.slug, title: e.data.title, summary: e.data.summary, href: exerciseHref(e.slug) })),
  });
};
