import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { methodNotAllowed } from '~/lib/http/respond';
import { clearLearnerStats, learnerStats } from '~/lib/demos/monitoring';
import { demoResponse } from '~/server/demo-response';

// Reading the statistics is not itself recorded (no `cache` field): the dashboard would
// otherwise count its own refreshes.
export const GET: APIRoute = async ({ locals }) => demoResponse(locals, 'monitoring', await learnerStats(env, locals.learner));

export const DELETE: APIRoute = async ({ locals }) =>
  demoResponse(locals, 'monitoring', await clearLearnerStats(env, locals.learner));

export const ALL: APIRoute = () => methodNotAllowed(['GET', 'DELETE']);
