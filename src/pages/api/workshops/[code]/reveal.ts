import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { readJsonObject } from '~/lib/http/parse';
import { EXERCISE_SLUGS, isExerciseSlug } from '~/server/exercises/registry';
import { revealSolution } from '~/lib/workshop/store';
import { instructorWorkshop, roomOf } from '~/server/workshop/http';

/**
 * Reveal an exercise's solution to the room: {"slug"}. Participants' pages receive a
 * `kvlab:reveal` CustomEvent and find the slug in localStorage `kvlab:revealed`.
 */
export const POST: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const body = await readJsonObject(context.request, 4 * 1024);
  if (!body.ok) return body.response;
  const slug = body.value.slug;
  if (typeof slug !== 'string' || !isExerciseSlug(slug)) {
    return errorJson(400, 'bad_request', `"slug" must be one of: ${EXERCISE_SLUGS.join(', ')}.`);
  }
  await revealSolution(env.DB, found.value.code, slug);
  const delivered = await roomOf(found.value.code).broadcast(found.value.code, { type: 'reveal', slug });
  return json({ revealed: slug, delivered });
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
