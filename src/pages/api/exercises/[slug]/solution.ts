import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { isExerciseSlug } from '~/server/exercises/registry';
import { askForSolution, readSolution, type SolutionAnswer } from '~/server/exercises/solution';

const notFound = (slug: string | undefined) => errorJson(404, 'not_found', `There is no exercise "${slug}". GET /api/exercises lists them.`);

const answer = (result: SolutionAnswer) =>
  result.ok ? json({ code: result.code, unlockedBy: result.unlockedBy }) : errorJson(403, 'solution_locked', result.message);

/** The reference solution, once this learner has earned it (see src/server/exercises/solution.ts). */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!isExerciseSlug(params.slug)) return notFound(params.slug);
  return answer(await readSolution(env.DB, locals.learner.id, params.slug));
};

/** "Show me the solution": granted after at least one run, and recorded. */
export const POST: APIRoute = async ({ params, locals }) => {
  if (!isExerciseSlug(params.slug)) return notFound(params.slug);
  return answer(await askForSolution(env.DB, locals.learner.id, params.slug, Boolean(env.LOADER)));
};

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'POST']);
