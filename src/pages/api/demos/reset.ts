import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { json, methodNotAllowed } from '~/lib/http/respond';
import { resetLearner } from '~/lib/demos/reset';

export const POST: APIRoute = async ({ locals }) => json(await resetLearner(env, locals.learner));

// A GET that deleted data would run whenever a crawler or a prefetch followed the link.
export const GET: APIRoute = () => methodNotAllowed(['POST']);
