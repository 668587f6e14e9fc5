import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { readJsonObject } from '~/lib/http/parse';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { isExerciseSlug } from '~/server/exercises/registry';
import { admitRun, recordResult, runExercise } from '~/server/exercises/run';
import { BUDGETS, spendAll } from '~/server/limits';
import { MAX_SOURCE_BYTES } from '~/server/sandbox/compile';

/** The body is `{"code":"…"}`: a little more than the largest code accepted, for JSON escaping. */
const BODY_LIMIT = 4 * MAX_SOURCE_BYTES;

export const POST: APIRoute = async ({ params, request, locals }) => {
  if (!isExerciseSlug(params.slug)) {
    return errorJson(404, 'not_found', `There is no exercise "${params.slug}". GET /api/exercises lists them.`);
  }
  // A deployment without the Worker Loader binding: say so, and leave the rest of the app alone.
  if (!env.LOADER) {
    return errorJson(503, 'sandbox_unavailable', 'Exercises need the Dynamic Worker Loader, which this deployment does not have. Everything else works.');
  }
  const body = await readJsonObject(request, BODY_LIMIT);
  if (!body.ok) return body.response;
  const code = body.value.code;
  if (typeof code !== 'string' || code.trim() === '') {
    return errorJson(400, 'bad_request', 'Send {"code": "…"} with your code as a non-empty string.');
  }

  const refused = await spendAll([
    [BUDGETS.run, `run:${locals.learner.id}`],
    [BUDGETS.runAddress, `run:${locals.address}`],
  ]);
  if (refused) return refused;
  const admission = admitRun(locals.learner.id, locals.address);
  if (!admission.ok) {
    if (admission.reason === 'learner_busy') {
      return errorJson(429, 'rate_limited', 'Your previous check run is still going. Wait for it to finish, then try again.', { 'retry-after': '2' });
    }
    if (admission.reason === 'address_busy') {
      return errorJson(429, 'rate_limited', 'Another check run from your network address is still going, and one address runs one at a time. Try again in 2 seconds.', { 'retry-after': '2' });
    }
    return errorJson(503, 'rate_limited', 'The sandbox is busy with other learners’ runs. Try again in 2 seconds.', { 'retry-after': '2' });
  }
  try {
    const report = await runExercise({ KV: env.KV, DB: env.DB, LOADER: env.LOADER }, locals.learner, params.slug, code);
    // Recorded before answering: a pass unlocks the solution, which the page asks for next.
    await recordResult(env.DB, locals.learner.id, params.slug, report.passed);
    return json(report);
  } finally {
    admission.release();
  }
};

export const GET: APIRoute = () => methodNotAllowed(['POST']);
